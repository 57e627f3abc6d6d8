vals = [0, 1, -1, 12.5, -0.5, 1e10, 1e-10, 2 ** 70]
for v in vals:
    a = f"{v!r:>25}"
    b = f"{v:>12.4g}"
    c = f"{v:+.2e}"
    print(a, "|", b, "|", c)
print(f"{vals[3]:g}|{vals[4]:g}|{vals[5]:g}")
