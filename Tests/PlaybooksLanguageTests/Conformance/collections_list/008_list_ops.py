a = [1, 2, 3]
b = [4, 5]
print(a + b, a * 2, [0] * 0)
print(3 in a, 6 not in b, len(a + b))
print(a == [1, 2, 3], a < b, [1, 2] < [1, 2, 0])
print(max(a), min(b), sum(a + b))
print(list(range(5)), list("hey"), list((1, 2)))
print(list({"x": 1, "y": 2}), list(map(str, a)))
