x = "outer"
result = [x for x in range(3)]
print(result, x)
y = 10
print([y * i for i in range(3)])
funcs = [lambda: i for i in range(3)]
print([f() for f in funcs])
print({k: len(k) for k in ["ab", "c"]})
print([[j for j in range(i)] for i in range(4)])
