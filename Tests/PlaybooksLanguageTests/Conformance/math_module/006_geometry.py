import math
points = [(0, 0), (3, 4), (6, 0), (3, -4)]
perimeter = 0.0
for i in range(len(points)):
    (x1, y1), (x2, y2) = points[i], points[(i + 1) % len(points)]
    d = math.hypot(x2 - x1, y2 - y1)
    perimeter += d
    print(f"{points[i]} -> {points[(i + 1) % len(points)]}: {d}")
print("perimeter", perimeter)
r = 2.5
print("circle area", math.pi * r ** 2, "circumference", round(2 * math.pi * r, 4))
