values = [[1, 2], "abc", (1,), 5]
print(len(values), "values")
for v in values:
    size = len(v)
    print(repr(v), size)
