# Stores and augmented assignments under a string constant key take their own instruction;
# every kind of receiver must behave as with any other key.
from collections import Counter, defaultdict, OrderedDict

record = {}
record["qty"] = 3
record["price"] = 2.5
record["qty"] += 4
record["price"] *= 2
record["name"] = "widget"
record["name"] += "-x"
record["qty"] = record["qty"] - 1
print(record)

totals = defaultdict(int)
for word in "a b a c a b".split():
    totals[word] += 1
totals["z"] += 0
print(sorted(totals.items()))

lists = defaultdict(list)
lists["evens"] += [2, 4]
lists["evens"].append(6)
print(dict(lists))

counts = Counter()
counts["x"] += 2
counts["y"] -= 1
counts["x"] = counts["x"] * 10
print(counts, counts["missing"])

ordered = OrderedDict()
ordered["b"] = 1
ordered["a"] = 2
ordered["b"] += 10
print(list(ordered.items()))


class Grid:
    def __init__(self):
        self.cells = {}
        self.log = []

    def __getitem__(self, key):
        self.log.append(("get", key))
        return self.cells.get(key, 0)

    def __setitem__(self, key, value):
        self.log.append(("set", key, value))
        self.cells[key] = value


g = Grid()
g["a"] = 5
g["a"] += 2
g["b"] -= 1
print(g.cells, g.log)

nested = {"inner": {"n": 1}}
nested["inner"]["n"] += 41
nested["inner"]["m"] = nested["inner"]["n"] * 2
print(nested)

calls = []


def target():
    calls.append("target")
    return record


def amount():
    calls.append("amount")
    return 100


target()["qty"] += amount()
print(record["qty"], calls)

for receiver, action in (
    ([1, 2], "store"),
    ("text", "store"),
    ((1, 2), "store"),
    ({"k": 1}, "aug-missing"),
    (5, "store"),
    ([1], "aug"),
):
    try:
        if action == "store":
            receiver["k"] = 1
        elif action == "aug":
            receiver["k"] += 1
        else:
            receiver["absent"] += 1
    except (TypeError, KeyError) as e:
        print(type(e).__name__, e)
