a = [1, 2]
b = (3, 4)
print([*a, *b, 5])
print((*a, *b))
print({*a, *b, 1})
print([*"abc", *range(2)])
d1 = {"x": 1}
d2 = {"y": 2, "x": 3}
print({**d1, **d2}, {**d2, **d1})
print({**d1, "z": 0, **{"w": 9}})
print([*[], *()], (*a,))
