import math
for deg in [0, 30, 45, 60, 90, 180]:
    r = deg * math.pi / 180
    print(deg, round(math.sin(r), 6), round(math.cos(r), 6))
print(math.sin(0), math.cos(0), math.sin(math.pi / 2))
print(math.hypot(3, 4), math.hypot(5, 12), math.hypot(1, 1))
