# Data nested far deeper than the recursion limit: operations that walk it raise
# RecursionError (CPython's C recursion check); building, hashing and freeing it work.
import json

def nested_list(depth):
    a = []
    for _ in range(depth):
        a = [a]
    return a

def nested_dict(depth):
    d = {}
    for _ in range(depth):
        d = {"n": d}
    return d

a = nested_list(100000)
b = nested_list(100000)
d = nested_dict(100000)
checks = [
    ("repr", lambda: repr(a)),
    ("str", lambda: str(a)),
    ("f-string", lambda: f"{a}"),
    ("repr dict", lambda: repr(d)),
    ("==", lambda: a == b),
    ("<", lambda: a < b),
    ("== dict", lambda: d == {"n": d}),
    ("sorted", lambda: sorted([a, b])),
    ("json.dumps", lambda: json.dumps(a)),
    ("json.dumps dict", lambda: json.dumps(d)),
    ("repr tuple", lambda: repr((a,))),
]
for name, check in checks:
    try:
        check()
        print(name, "no error")
    except RecursionError as e:
        print(name, "RecursionError:", e)

# Within the limit the same operations work.
shallow = nested_list(50)
print(repr(shallow) == "[" * 51 + "]" * 51, shallow == nested_list(50), json.dumps(shallow) == repr(shallow))

# Nested tuples hash, compare as keys and find unhashable items without recursion.
t = ()
for _ in range(20000):
    t = (t,)
u = ()
for _ in range(20000):
    u = (u,)
print(hash(t) == hash(u), t in {t}, len({t: 1, (t,): 2}))
bad = ([],)
for _ in range(20000):
    bad = (bad,)
try:
    hash(bad)
except TypeError as e:
    print("TypeError:", e)

# Freeing long chains of lists, dicts and instances does not recurse.
class Node:
    pass

n = None
for _ in range(100000):
    m = Node()
    m.next = n
    n = m
a = b = d = n = m = None
chain = nested_list(100000)
chain = None
print("freed")

for text in ["[" * 100000 + "]" * 100000, '{"a": ' * 100000 + "1" + "}" * 100000]:
    try:
        json.loads(text)
    except RecursionError as e:
        print("json.loads RecursionError:", e)

# Recursion through user-defined __repr__ and __eq__ (Python calls made from built-ins).
class R:
    def __init__(self, child):
        self.child = child

    def __repr__(self):
        return "R(" + repr(self.child) + ")"

    def __eq__(self, other):
        return self.child == other.child

r = s = None
for _ in range(100000):
    r = R(r)
    s = R(s)
for name, check in [("user __repr__", lambda: repr(r)), ("user __eq__", lambda: r == s)]:
    try:
        check()
        print(name, "no error")
    except RecursionError:
        print(name, "RecursionError")
