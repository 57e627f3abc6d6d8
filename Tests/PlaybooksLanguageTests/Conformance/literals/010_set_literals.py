s = {3, 1, 2, 3, 1}
print(s, len(s))
print(set())
print({5} | {1}, sorted({10, -1, 7}))
print({1, 2} == {2, 1})
print(type({}).__name__, type({1}).__name__)
print(sorted({'banana', 'apple', 'cherry'}))
print({(1, 2), (1, 2)}, {0, False}, {1, True, 1.0})
print(3 in s, 9 in s)
