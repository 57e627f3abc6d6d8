a, b = 1, 2
a, b = b, a
print(a, b)
x, y, z = "xyz"
x, y, z = y, z, x
print(x, y, z)
lst = [1, 2, 3, 4]
lst[0], lst[-1] = lst[-1], lst[0]
print(lst)
i = 0
i, lst[i] = 2, 100
print(i, lst)
