values = [1, 2, 3]
print(sum(values))
assert sum(values) == 6
print("first assert ok")
assert len(values) > 5
print("unreachable")
