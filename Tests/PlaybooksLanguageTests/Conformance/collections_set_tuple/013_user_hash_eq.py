# Instances whose class defines __hash__ and __eq__ are keys by value in every hashed container.
class P:
    def __init__(self, x):
        self.x = x

    def __eq__(self, other):
        return isinstance(other, P) and self.x == other.x

    def __hash__(self):
        return hash(self.x)

    def __repr__(self):
        return f"P({self.x})"


# Membership and dedup.
print(P(1) in {P(1)}, P(2) in {P(1)}, P(1) not in {P(1)})
print(len({P(1), P(1)}), len({P(1), P(2), P(1), P(3), P(2)}))
print(P(1) in frozenset([P(1), P(5)]), len(frozenset([P(1), P(1)])))
print(len(set([P(i % 3) for i in range(30)])))
print(len({p for p in [P(1), P(1), P(2)]}))
print(P(4) in {P(4): "a"}, P(4) in {P(4): "a"}.keys())

# dict lookups, update, get, pop, setdefault, del.
d = {P(1): "one", P(2): "two"}
print(d[P(1)], d.get(P(2)), d.get(P(3), "none"))
d[P(1)] = "uno"
print(len(d), d[P(1)], sorted(v for v in d.values()))
d.update({P(2): "dos", P(3): "tres"})
print(len(d), d[P(2)], d[P(3)])
print(d.pop(P(3)), d.pop(P(3), "gone"), len(d))
print(d.setdefault(P(1), "x"), d.setdefault(P(9), "nine"), len(d))
del d[P(9)]
print(P(9) in d, len(d))
merged = {**d, P(1): "eins", **{P(2): "zwei"}}
print(len(merged), merged[P(1)], merged[P(2)])
print(dict.fromkeys([P(1), P(1), P(2)], 0) == {P(1): 0, P(2): 0})
print({P(1): 1} == {P(1): 1}, {P(1): 1} == {P(1): 2}, {P(1): 1} == {P(2): 1})
print({P(1): 1} | {P(1): 2} == {P(1): 2})
k = list(d)[0]
print(k is list({**d})[0], d[k])

# Set algebra and comparisons.
a = {P(1), P(2), P(3)}
b = {P(2), P(3), P(4)}
print(sorted((a & b), key=lambda p: p.x))
print(sorted((a | b), key=lambda p: p.x))
print(sorted((a - b), key=lambda p: p.x), sorted((a ^ b), key=lambda p: p.x))
print(sorted(a.intersection(b), key=lambda p: p.x), sorted(a.union([P(7)]), key=lambda p: p.x))
print(sorted(a.difference([P(1)]), key=lambda p: p.x), sorted(a.symmetric_difference([P(1), P(9)]), key=lambda p: p.x))
print({P(1)} <= a, {P(1), P(8)} <= a, {P(1)} < a, a == {P(3), P(2), P(1)}, a != {P(1)})
print(a.issubset([P(1), P(2), P(3), P(4)]), a.issuperset([P(2)]), a.isdisjoint([P(5)]), a.isdisjoint([P(3)]))
c = set(a)
c.add(P(1))
c.discard(P(2))
c.remove(P(3))
print(c, len(c))
c |= {P(1), P(6)}
c &= {P(6)}
print(c)
print(frozenset([P(1), P(2)]) == frozenset([P(2), P(1)]), {frozenset([P(1)]): 1}[frozenset([P(1)])])

# Tuples holding such instances.
t = {(P(1), "a"): 1}
print(t[(P(1), "a")], (P(1), "b") in t, ((P(1), P(2)) in {(P(1), P(2))}))

# collections built on dict.
from collections import Counter, defaultdict, OrderedDict

cnt = Counter([P(1), P(2), P(1), P(1)])
print(cnt[P(1)], cnt[P(2)], cnt[P(3)], len(cnt))
dd = defaultdict(list)
for i in range(4):
    dd[P(i % 2)].append(i)
print(dd[P(0)], dd[P(1)], len(dd))
od = OrderedDict([(P(1), 1), (P(2), 2)])
od.move_to_end(P(1))
print(list(od.values()), od[P(1)])

# hash() of such instances and tuples of them.
print(hash(P(5)) == hash(5), hash((P(1), 2)) == hash((P(1), 2)))

# Identity first: an instance whose __eq__ says False for itself is still found.
class Never:
    def __eq__(self, other):
        return False

    def __hash__(self):
        return 7


n = Never()
print(n in {n}, Never() in {n}, len({n, n, Never()}))

# __hash__ only: identity equality, the user's hash.
class H:
    def __hash__(self):
        return 3


print(len({H(), H()}), hash(H()))

# __eq__ may look at anything and is called only for equal hashes.
calls = []


class Loud:
    def __init__(self, x):
        self.x = x

    def __eq__(self, other):
        calls.append((self.x, other.x))
        return self.x == other.x

    def __hash__(self):
        return self.x % 2


s = {Loud(1), Loud(2), Loud(3)}
print(len(s), Loud(3) in s, Loud(5) in s)
print(len(calls) > 0, all(x % 2 == y % 2 for x, y in calls))
