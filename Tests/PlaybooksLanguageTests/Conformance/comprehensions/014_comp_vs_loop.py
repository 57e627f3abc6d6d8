squares_loop = []
for i in range(6):
    if i != 3:
        squares_loop.append(i ** 2)
squares_comp = [i ** 2 for i in range(6) if i != 3]
print(squares_loop, squares_comp, squares_loop == squares_comp)
pairs_loop = []
for a in "ab":
    for b in "xy":
        pairs_loop.append(a + b)
print(pairs_loop == [a + b for a in "ab" for b in "xy"], pairs_loop)
