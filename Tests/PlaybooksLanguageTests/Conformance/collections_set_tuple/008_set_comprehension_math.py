evens = {x for x in range(20) if x % 2 == 0}
threes = {x for x in range(20) if x % 3 == 0}
print(sorted(evens & threes))
print(sorted(evens - threes))
print(sorted({x % 5 for x in range(100)}))
print({n * n for n in range(-3, 4)})
print(len({(x, y) for x in range(3) for y in range(3) if x != y}))
