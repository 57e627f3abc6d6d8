def gcd(a, b):
    while b:
        a, b = b, a % b
    return abs(a)

def lcm(a, b):
    return abs(a * b) // gcd(a, b)

print(gcd(48, 18), gcd(17, 5), gcd(0, 7), gcd(-12, 8))
print(lcm(4, 6), lcm(21, 6))
acc = 1
for k in range(1, 21):
    acc = lcm(acc, k)
print("lcm 1..20 =", acc)
print(gcd(2 ** 100, 6 ** 50))
