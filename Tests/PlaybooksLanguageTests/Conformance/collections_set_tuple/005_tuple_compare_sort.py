pts = [(3, 1), (1, 2), (3, 0), (1, 1), (2, 5)]
print(sorted(pts))
print(max(pts), min(pts))
print((1, 2) == (1, 2), (1, 2) < (1, 2, 0), () < (0,))
print(sorted(pts, key=lambda p: (p[1], -p[0])))
print(tuple(sorted((3, 1, 2))), tuple(reversed((1, 2, 3))))
