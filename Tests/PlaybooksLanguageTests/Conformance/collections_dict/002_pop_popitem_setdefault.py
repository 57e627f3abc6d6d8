d = {"x": 1, "y": 2, "z": 3}
print(d.pop("x"), d)
print(d.pop("missing", "dflt"), d)
print(d.popitem(), d)
print(d.setdefault("y", 99), d.setdefault("w", []), d)
d["w"].append("item")
print(d)
try:
    d.pop("nope")
except KeyError as e:
    print("KeyError", e, repr(e))
try:
    {}.popitem()
except KeyError as e:
    print("KeyError", e)
