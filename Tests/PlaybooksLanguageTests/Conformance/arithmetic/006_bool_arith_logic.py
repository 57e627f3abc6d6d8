print(True + True + True, True * 7, False ** 0)
print(1 and 2, 0 and 2, 1 or 2, 0 or 2, None or "default")
print("" or [] or 0, "a" and "b" and "c", [] and 1)
print(not 0, not 1, not [], not "x")
x = None
y = x or 42
print(y)
print((5 > 3) + (2 > 1), sum([True, False, True]))
print(0 or None, None and 1)
