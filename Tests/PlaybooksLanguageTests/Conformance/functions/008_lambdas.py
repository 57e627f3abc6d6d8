add = lambda a, b=10: a + b
print(add(1), add(1, 2))
pairs = [(1, "one"), (3, "three"), (2, "two")]
print(sorted(pairs, key=lambda p: p[1]))
print(list(filter(lambda x: x % 3 == 0, range(20))))
print(list(map(lambda x, y: x * y, [1, 2, 3], [4, 5, 6])))
compose = lambda f, g: lambda x: f(g(x))
inc_then_double = compose(lambda x: x * 2, lambda x: x + 1)
print(inc_then_double(5))
print((lambda *a, **k: (a, k))(1, 2, z=3))
