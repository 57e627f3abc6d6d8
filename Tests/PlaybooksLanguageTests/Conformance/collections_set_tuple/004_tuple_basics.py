t = (1, "two", 3.0, [4])
print(t, len(t), t[1], t[-1], t[1:3])
t[3].append(5)
print(t)
try:
    t[0] = 9
except TypeError as e:
    print("TypeError:", e)
print(t + (6,), (0,) * 3, 2 in (1, 2))
print((1, 2, 2, 3, 2).count(2), (5, 6, 7).index(7))
try:
    (1, 2).index(9)
except ValueError as e:
    print("ValueError:", e)
