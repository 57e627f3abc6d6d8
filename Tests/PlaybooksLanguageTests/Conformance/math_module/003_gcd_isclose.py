import math
print(math.gcd(12, 18), math.gcd(17, 5), math.gcd(0, 9), math.gcd(-24, 36), math.gcd(2 ** 64, 2 ** 40 * 3))
print(math.isclose(0.1 + 0.2, 0.3), 0.1 + 0.2 == 0.3)
print(math.isclose(1.0, 1.001), math.isclose(1.0, 1.001, rel_tol=0.01))
print(math.isclose(0.0, 1e-12), math.isclose(0.0, 1e-12, abs_tol=1e-9))
def lcm(a, b):
    return a * b // math.gcd(a, b)
print(lcm(4, 6), lcm(21, 6))
