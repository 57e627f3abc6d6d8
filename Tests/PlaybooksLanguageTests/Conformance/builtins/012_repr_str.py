vals = ["text", 'quote\'s', "dq\"", 3, 2.0, None, [1, "a"], {"k": (1, "v")}, "tab\t", "nl\n", "\\"]
for v in vals:
    s = str(v)
    r = repr(v)
    print(s, "|", r, "|", len(s), len(r))
print(repr(vals[:3]))
