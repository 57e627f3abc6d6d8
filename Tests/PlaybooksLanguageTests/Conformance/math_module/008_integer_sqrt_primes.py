import math
def is_prime(n):
    if n < 2:
        return False
    for d in range(2, int(math.sqrt(n)) + 1):
        if n % d == 0:
            return False
    return True
print([n for n in range(60) if is_prime(n)])
print(is_prime(7919), is_prime(7917))
print(int(math.sqrt(10 ** 12)), math.floor(math.sqrt(99)))
