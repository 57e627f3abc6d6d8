a = [1, 2, 3]
b = "xyz"
c = (True, False)
print(list(zip(a, b)))
print(list(zip(a, b, c)))
print(dict(zip(b, a)))
keys, vals = zip(*[("k1", 1), ("k2", 2)])
print(keys, vals)
print(list(zip(range(3), range(10, 13))))
