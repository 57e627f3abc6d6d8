import math
print(math.log(math.e), math.log(1), math.log(100, 10), math.log(8, 2))
print(math.log2(1024), math.log2(10), math.log10(1000), math.log10(2))
print(math.exp(0), math.exp(1), math.exp(-1), math.exp(2))
print(round(math.log(1000) / math.log(10), 12))
print(math.log(2 ** 100), math.log10(10 ** 50))
