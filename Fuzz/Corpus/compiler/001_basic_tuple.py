a, b, c = 1, 2, 3
print(a, b, c)
x, y = "hi"
print(x, y)
(p, q), r = [1, 2], 3
print(p, q, r)
[m, n] = (10, 20)
print(m, n)
k, v = {"only": 1}.popitem()
print(k, v)
