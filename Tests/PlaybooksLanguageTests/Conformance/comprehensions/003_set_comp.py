print({x % 4 for x in range(20)})
print(sorted({w.lower() for w in ["A", "a", "B", "b", "c"]}))
print({len(w) for w in "one three five seven".split()})
print({(x, y) for x in range(2) for y in range(2)} == {(0, 0), (0, 1), (1, 0), (1, 1)})
evens = {n for n in range(10) if n % 2 == 0}
print(evens, 4 in evens, 5 in evens)
print(sorted({-n for n in evens}))
