funcs = []
for i in range(3):
    funcs.append(lambda: i)
print([f() for f in funcs])
funcs2 = [lambda i=i: i for i in range(3)]
print([f() for f in funcs2])
def make(n):
    return lambda: n
funcs3 = [make(i) for i in range(3)]
print([f() for f in funcs3])
