a = {1, 2, 3, 4}
b = {3, 4, 5}
print(a | b, a & b, a - b, b - a, a ^ b)
print(a.union(b), a.intersection(b), a.difference(b), a.symmetric_difference(b))
print(a.union([9], (10,)), a.intersection(range(3)))
print({1, 2} <= a, {1, 2} < a, a <= a, a < a)
print({1, 2}.issubset(a), a.issuperset({4}), a >= b)
print(a.isdisjoint({7, 8}), a.isdisjoint(b))
