def slugify(title):
    out = []
    for ch in title.lower().strip():
        if ch.isalnum():
            out.append(ch)
        elif out and out[-1] != "-":
            out.append("-")
    return "".join(out).strip("-")

for t in ["Hello World", "  Multiple   Spaces ", "C++ & Python: Tips!", "--edge--case--", "already-slug"]:
    print(repr(t), "->", slugify(t))
