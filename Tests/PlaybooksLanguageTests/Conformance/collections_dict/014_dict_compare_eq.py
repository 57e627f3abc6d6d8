a = {"x": 1, "y": 2}
b = {"y": 2, "x": 1}
print(a == b, list(a) == list(b))
print(a != {"x": 1}, {} == dict())
print({"k": [1]} == {"k": [1]}, {1: 1} == {1.0: 1})
print(a.items() == b.items())
c = dict(a)
c["x"] += 0.0
print(c == a, c)
