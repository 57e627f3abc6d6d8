d = {"a": 1}
d["b"] = 2
d["a"] = 10
print(d, len(d), "a" in d, "z" in d)
print(d.get("a"), d.get("z"), d.get("z", 0))
del d["a"]
print(d)
d.update({"c": 3, "b": 20})
d.update(e=5)
d.update([("f", 6)])
print(d)
print(list(d.keys()), list(d.values()), list(d.items()))
