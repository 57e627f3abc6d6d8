a = {"list": [1, 2], "n": 1}
b = a
c = a.copy()
b["n"] = 2
c["n"] = 3
c["list"].append(3)
print(a, b, c)
a.clear()
print(a, b, c)
print(len(b), bool(b), bool(c))
