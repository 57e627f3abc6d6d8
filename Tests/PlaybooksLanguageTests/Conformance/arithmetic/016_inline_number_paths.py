# The dispatch loop computes int and float arithmetic inline; every edge must still match
# the general rules: signs of % and //, overflow into big ints, mixed int/float, bools,
# division by zero, and in-place operators on numbers and on containers.
vals = [-7, -1, 0, 1, 7, 2**62, -(2**62), 9223372036854775807, -9223372036854775808]
divs = [-3, -1, 1, 3, 7]
for a in vals:
    print(a, [a % d for d in divs], [a // d for d in divs])
    print(a * 3, a * -3, a + 9223372036854775807, a - 9223372036854775807)
    print(a & 0xFF, a | 5, a ^ -1, a % 4, a // 4, a * 2, a - 3, a + 3)

floats = [-2.5, -0.0, 0.0, 1.5, 1e308, float("inf")]
for x in floats:
    print(x + 1, x - 1, x * 2, 1 + x, 3 - x, 2 * x, x + 0.5, x * x)
    print(x / 2, x / 2.0, 7 / 2, 3 * 0.1, 0.1 + 0.2, 1 - 0.9)

print(True + 1, True * 3, False - 2, 5 % True, True // 1, 1.5 + True)
print(9007199254740993 + 0.0, 9007199254740993 * 1.0, 2**53 + 1.0)

n = 10
n += 5
n -= 20
n *= -3
n %= 4
print(n)
n = 2**62
n += 2**62
n *= 4
print(n)
x = 1.25
x += 2
x *= 2
x -= 0.5
x /= 4
print(x)
items = [1]
alias = items
items += [2, 3]
items *= 2
print(items, alias, items is alias)
s = "ab"
s += "cd"
s *= 2
print(s)

for bad in (lambda: 1 % 0, lambda: 1 // 0, lambda: 1.5 / 0, lambda: 2 / 0.0, lambda: 1.0 % 0, lambda: 3 / 0):
    try:
        bad()
    except ZeroDivisionError as e:
        print("ZeroDivisionError:", e)
try:
    print(1 + "a")
except TypeError as e:
    print("TypeError:", e)
try:
    x = 1.5
    x += "a"
except TypeError as e:
    print("TypeError:", e)
for left, right in ((1, None), ([1], [1]), ("a", "b"), ({1}, 2), (2.5, [1])):
    try:
        left -= right
    except TypeError as e:
        print("TypeError:", e)
