# d.get with str and int keys is looked up by the dispatch loop itself; every other key and
# every flavored dict takes the general method, with the same results and errors.
from collections import Counter, defaultdict

d = {"a": 1, 2: "two", True: "yes", (1, 2): "pair", 3.5: "float"}
print(d.get("a"), d.get("zz"), d.get("zz", 0), d.get(2), d.get(1), d.get(1.0), d.get(True))
print(d.get((1, 2)), d.get(3.5), d.get(None, "none"), d.get(7, [7]))
try:
    d.get([1])
except TypeError as e:
    print("TypeError:", e)
try:
    d.get()
except TypeError as e:
    print("TypeError:", e)

c = Counter("abca")
print(c.get("a"), c.get("z"), c.get("z", -1))
dd = defaultdict(list)
print(dd.get("k"), "k" in dd, dd.get("k", "fallback"))
get = d.get
print(get("a"), get(2, None), dict.get(d, "a"))
totals = {}
for word in "x y x z x".split():
    totals[word] = totals.get(word, 0) + 1
print(totals)
