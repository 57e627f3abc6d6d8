import math
print(math.pi, math.e, math.inf, -math.inf)
print(math.sqrt(16), math.sqrt(2), math.sqrt(0.25))
print(math.floor(3.7), math.floor(-3.2), math.ceil(3.2), math.ceil(-3.7))
print(math.trunc(3.9), math.trunc(-3.9), type(math.floor(2.5)).__name__)
print(math.fabs(-4), math.fabs(2.5), math.pow(2, 10), math.pow(2, 0.5))
print(math.factorial(0), math.factorial(10), math.factorial(25))
