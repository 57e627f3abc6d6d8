def show(**kw):
    for k, v in kw.items():
        print(f"  {k} -> {v!r}")
    return len(kw)

print(show(a=1, b="two"))
opts = {"x": [1], "y": None}
print(show(**opts))
print(show(**opts, z=3))
print(show())

def mixed(a, b=2, *args, c, d=4, **kw):
    return (a, b, args, c, d, kw)

print(mixed(1, c=3))
print(mixed(1, 5, 6, 7, c=8, e=9))
