from math import sqrt, floor, ceil, pi, gcd
from math import factorial as fact
print(sqrt(81), floor(-0.5), ceil(-0.5), round(pi, 5))
print(gcd(84, 36), fact(6))
nums = [2.3, 7.8, -1.1]
print([floor(n) for n in nums], [ceil(n) for n in nums])
print(sum(sqrt(n) for n in [1, 4, 9, 16]))
