def parse(v):
    try:
        return int(v)
    except (ValueError, TypeError) as e:
        return f"{type(e).__name__}: {e}"

for v in ["12", "x1", None, 3.9, [1], " 7 "]:
    print(repr(v), "->", parse(v))
