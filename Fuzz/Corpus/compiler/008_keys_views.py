d = {"a": 1, "b": 2, "c": 3}
ks = d.keys()
vs = d.values()
print(ks, vs)
d["d"] = 4
print(list(ks), list(vs), len(ks))
print("a" in ks, 4 in vs, ("a", 1) in d.items())
print(sorted(ks & {"a", "z"}), sorted(ks - {"a"}))
print(sum(vs), max(d, key=d.get))
