import math
print("exp table")
for x in [1, 10, 100]:
    print(x, math.exp(x))
print(math.exp(1000))
