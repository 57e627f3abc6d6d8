pairs = [(1, "one"), (2, "two")]
for num, word in pairs:
    print(num, word)
for i, (a, b) in enumerate([(1, 2), (3, 4)]):
    print(i, a * b)
for first, *others in [[1, 2, 3], [4], [5, 6]]:
    print(first, others)
d = {"a": (1, 2), "b": (3, 4)}
for key, (lo, hi) in d.items():
    print(key, hi - lo)
