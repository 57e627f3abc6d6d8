print(len("abc"), len([1, 2]), len({}), len(range(3, 10, 2)), len((1,)), len({1, 2, 2}))
for i, c in enumerate("xyz", start=10):
    print(i, c)
print(list(enumerate(["a", "b"])))
print(list(enumerate("ab", 1)))
print(list(range(-5, 5, 3)))
