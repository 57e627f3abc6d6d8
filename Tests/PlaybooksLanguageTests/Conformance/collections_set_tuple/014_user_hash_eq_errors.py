# What goes wrong with user-defined __hash__ and __eq__ in dicts and sets.
class EqOnly:
    def __init__(self, x):
        self.x = x

    def __eq__(self, other):
        return True


for make in [lambda: {EqOnly(1)}, lambda: {EqOnly(1): 1}, lambda: EqOnly(1) in {1}, lambda: hash(EqOnly(1)),
             lambda: {1: 2}.get(EqOnly(1)), lambda: frozenset([EqOnly(1)]), lambda: {(1, EqOnly(2))}]:
    try:
        print(make())
    except TypeError as e:
        print("TypeError:", e)


class BadHash:
    def __init__(self, r):
        self.r = r

    def __hash__(self):
        return self.r


for r in ["1", 1.5, None]:
    for make in [lambda: {BadHash(r)}, lambda: {BadHash(r): 1}, lambda: BadHash(r) in {1: 2}, lambda: hash(BadHash(r))]:
        try:
            print(make())
        except TypeError as e:
            print("TypeError:", e)
print(hash(BadHash(True)), hash(BadHash(2**70)) == hash(2**70), hash(BadHash(-1)))


class Boom(Exception):
    pass


class RaisingEq:
    def __init__(self, x):
        self.x = x

    def __eq__(self, other):
        raise Boom(f"eq {self.x}")

    def __hash__(self):
        return 1


r = RaisingEq(1)
s = {r}
d = {r: "r"}
print(r in s, d[r])  # identity: __eq__ is not called
for make in [lambda: RaisingEq(2) in s, lambda: d[RaisingEq(2)], lambda: d.get(RaisingEq(2)), lambda: s.add(RaisingEq(2)),
             lambda: d.pop(RaisingEq(2)), lambda: {RaisingEq(3), RaisingEq(4)}, lambda: s | {RaisingEq(5)},
             lambda: d.setdefault(RaisingEq(6), 0)]:
    try:
        print(make())
    except Boom as e:
        print("Boom:", e)
print(len(s), len(d))


class RaisingHash:
    def __hash__(self):
        raise Boom("hash")


try:
    print(RaisingHash() in {1})
except Boom as e:
    print("Boom:", e)
try:
    {RaisingHash(): 1}
except Boom as e:
    print("Boom:", e)


# A key mutated after insertion: stored under its old hash.
class M:
    def __init__(self, x):
        self.x = x

    def __eq__(self, other):
        return isinstance(other, M) and self.x == other.x

    def __hash__(self):
        return hash(self.x)

    def __repr__(self):
        return f"M({self.x})"


k = M(1)
d = {k: "v"}
s = {k}
k.x = 2
print(k in d, M(2) in d, M(1) in d, k in s, len(d), list(d), [v for v in d.values()])
k.x = 1
print(k in d, M(1) in d, d[M(1)], k in s)


# __eq__ that mutates the dict it is compared in.
class Mut:
    def __init__(self, x, target):
        self.x = x
        self.target = target

    def __eq__(self, other):
        self.target.clear()
        return False

    def __hash__(self):
        return 0


t = {}
t[Mut(1, t)] = 1
print(Mut(2, t) in t, len(t))
