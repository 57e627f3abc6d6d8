# Subscripts with a constant string key on every kind of receiver: plain dicts, Counter,
# defaultdict, instances with __getitem__, and the errors for the wrong receivers.
from collections import Counter, defaultdict

record = {"qty": 3, "price": 2.5, "tags": ["a", "b"]}
print(record["qty"] * record["price"], record["tags"][1])
record["qty"] += 4
print(record["qty"])

counts = Counter("abracadabra")
print(counts["a"], counts["z"], "z" in counts)

groups = defaultdict(list)
groups["x"].append(1)
groups["x"].append(2)
print(groups["x"], groups["y"], sorted(groups))

class Table:
    def __getitem__(self, key):
        return f"<{key}>"

print(Table()["name"])

nested = {"a": {"b": {"c": "deep"}}}
print(nested["a"]["b"]["c"])

for receiver in ["text", [1, 2], (3, 4), 5, None]:
    try:
        receiver["key"]
    except TypeError as e:
        print("TypeError:", e)

try:
    record["missing"]
except KeyError as e:
    print("KeyError:", e)

keys = [k for k in ("qty", "price") if record[k] > 3]
print(keys)
print(record["tags"])
print({"only": 1}["only"])
