def f(x):
    return x

def g(a, b, c=3):
    return a + b + c

tests = [lambda: f(), lambda: f(1, 2), lambda: g(1), lambda: g(1, 2, 3, 4),
         lambda: f(y=1), lambda: g(1, 2, a=5), lambda: f(1, x=2)]
for t in tests:
    try:
        t()
    except TypeError as e:
        print("TypeError:", e)
