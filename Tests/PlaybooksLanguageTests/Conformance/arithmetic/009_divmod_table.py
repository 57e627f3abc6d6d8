for x in range(-6, 7, 3):
    row = []
    for y in (-4, -1, 1, 4):
        q, r = divmod(x, y)
        row.append(f"{q:>3},{r:>2}")
    print(f"{x:>3}: " + " | ".join(row))
print(divmod(10.5, 3), divmod(-10.5, 3))
