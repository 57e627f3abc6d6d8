import math
print("square roots")
for v in [4, 2, 0]:
    print(v, math.sqrt(v))
print(math.sqrt(-4))
