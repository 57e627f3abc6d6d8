d = {}
d[1] = "int"
d[1.0] = "float overwrote int"
d[(1, 2)] = "tuple"
d["1"] = "str"
d[None] = "none"
d[True] = "bool overwrote 1"
print(d)
print(d[1], d[(1, 2)], d[None])
try:
    d[[1, 2]] = "list"
except TypeError as e:
    print("TypeError:", e)
try:
    {{}: 1}
except TypeError as e:
    print("TypeError:", e)
