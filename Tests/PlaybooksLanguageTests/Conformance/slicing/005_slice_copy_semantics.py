a = [[1], [2], [3]]
b = a[:]
b[0] = "replaced"
b[1].append("shared")
print(a, b)
c = a[::-1]
c[0].append("also shared")
print(a)
s = "immutable"
t = s[:]
print(s == t, t)
