x = 5
del x
try:
    print(x)
except NameError as e:
    print("NameError:", e)
d = {"a": 1, "b": 2, "c": 3}
del d["b"], d["c"]
print(d)
lst = [1, 2, 3]
del lst[1]
print(lst)
a = b = [1]
del a
print(b)
