# Dict displays whose keys are all string constants are built without pushing the keys; they
# must keep every rule of dict displays: order, repeated keys, evaluation order, errors.
order = []


def val(tag, v):
    order.append(tag)
    return v


record = {"id": val("id", 7), "name": val("name", "ada"), "tags": val("tags", ["x"])}
print(record, order)

print({"a": 1, "b": 2, "a": 3}, {"k": 1, "k": 2, "k": 3})
print(len({"a": 1, "a": 2}), list({"b": 0, "a": 1, "b": 2}))

wide = {
    "k0": 0, "k1": 1, "k2": 2, "k3": 3, "k4": 4, "k5": 5, "k6": 6, "k7": 7, "k8": 8,
    "k9": 9, "k10": 10, "k11": 11, "k3": 33,
}
print(wide, len(wide), wide["k11"], "k12" in wide)
wide["k12"] = 12
del wide["k0"]
print(list(wide)[:3], wide.get("k3"))

empty = {}
print(empty, type(empty).__name__, {"": None}, {"é": "ü", "日本": 1})

mixed = {"a": 1, 2: "two", "c": 3}
base = {"x": 1}
merged = {"x": 0, **base, "y": 2}
print(mixed, merged)

rows = [{"i": i, "sq": i * i, "even": i % 2 == 0} for i in range(5)]
print(rows[-1], sum(r["sq"] for r in rows))
nested = {"outer": {"inner": {"leaf": [1, {"deep": True}]}}}
print(nested["outer"]["inner"]["leaf"][1]["deep"])

try:
    partial = {"ok": 1, "bad": 1 // 0, "never": val("never", 3)}
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e, order[-1])

same = {"a": [], "b": []}
same["a"].append(1)
print(same, {"a": 1} == {"a": 1.0}, {"a": 1} is {"a": 1})
