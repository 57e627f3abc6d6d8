# Comparing distinct frozensets (or tuples holding them) nested deeper than the recursion limit
# raises RecursionError; the same object, or shallow ones, compare as usual.
f = frozenset()
g = frozenset()
for i in range(20000):
    f = frozenset([f])
    g = frozenset([g])

checks = [
    ("==", lambda: f == g),
    ("in set", lambda: f in {g}),
    ("dict get", lambda: {f: 1}.get(g)),
    ("set display", lambda: len({f, g})),
    ("frozenset()", lambda: len(frozenset([f, g]))),
    ("add", lambda: (lambda s: (s.add(f), s.add(g), len(s)))(set())),
    ("list ==", lambda: [f] == [g]),
    ("tuple in", lambda: (f,) in {(g,)}),
    ("count", lambda: [f, g].count(g)),
]
for label, check in checks:
    try:
        print(label, check())
    except RecursionError as e:
        print(label, "RecursionError:", e)

print(f == f, f in {f}, len({f, f}), frozenset([f]) == frozenset([f]))
a = frozenset([frozenset([1, (2, frozenset([3]))])])
b = frozenset([frozenset([1, (2, frozenset([3]))])])
print(a == b, a in {b}, {a: "x"}[b])
t = ()
u = ()
for i in range(20000):
    t = (t,)
    u = (u,)
try:
    print(t in {u})
except RecursionError as e:
    print("tuples RecursionError:", e)
print(t in {t}, ((1, 2), 3) in {((1, 2), 3)})
