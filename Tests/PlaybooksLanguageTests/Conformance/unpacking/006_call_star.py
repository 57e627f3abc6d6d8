def f(a, b, c=0, *rest, **kw):
    return a, b, c, rest, kw

args = [1, 2]
print(f(*args))
print(f(*args, 3, 4, 5))
print(f(*[1], **{"b": 9}))
print(f(*"xy", **{"c": "z", "extra": True}))
print(f(0, *range(2), *range(2)))
print(max(*[3, 9, 2]), min(*"zay"))
