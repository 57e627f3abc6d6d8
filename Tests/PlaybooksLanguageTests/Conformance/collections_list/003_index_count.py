xs = ["a", "b", "c", "b", "a", "b"]
print(xs.index("b"), xs.index("b", 2), xs.index("a", 1))
print(xs.count("b"), xs.count("z"))
try:
    xs.index("z")
except ValueError as e:
    print(e)
try:
    [1, 2].index(5)
except ValueError as e:
    print(e)
print([[1], [1], 1].count([1]))
