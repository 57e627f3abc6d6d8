vals = [1, 1.0, "s", [1], (1,), {1: 1}, {1}, None, True, len]
for v in vals:
    name = type(v).__name__
    numeric = isinstance(v, (int, float))
    seq = isinstance(v, (list, tuple))
    print(name, numeric, seq, isinstance(v, dict))
print(isinstance(True, int), isinstance(1, bool), isinstance("x", str))
