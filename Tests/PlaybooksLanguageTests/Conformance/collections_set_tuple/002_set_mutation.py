s = set()
s.add(3)
s.add(1)
s.add(3)
print(s, len(s))
s.discard(1)
s.discard(42)
print(s)
s.remove(3)
print(s)
try:
    s.remove(3)
except KeyError as e:
    print("KeyError", e)
s.update([5, 6], {7})
print(sorted(s))
s |= {8}
s -= {5}
s &= {6, 7, 8, 9}
print(sorted(s))
