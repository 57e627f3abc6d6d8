import math
vals = [1.0, math.inf, -math.inf, float("nan"), 0.0, 1e308 * 10]
for v in vals:
    print(v, math.isnan(v), math.isinf(v))
print(math.inf > 10 ** 400, math.isnan(math.inf - math.inf))
