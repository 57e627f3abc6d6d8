a = b = c = 0
print(a, b, c)
x, y = 1, 2
x, y = y, x
print(x, y)
p = q = []
p.append(1)
print(q, p is q)
i, lst = 0, [10, 20]
i, lst[i] = 1, 99
print(i, lst)
m, n = n, m = 3, 4
print(m, n)
