# Arithmetic between a local variable and a small int constant, for every kind of value the
# local may hold (one fused instruction in the interpreter): ints at the edge of 64 bits,
# floats, bools, strings and lists, and the errors CPython gives.
def ops(x):
    out = [x + 1, x - 1, x * 3, x // 2, x % 7, x ** 2, x - -5, x + 0]
    return out


def shifts(x):
    return [x << 3, x >> 1, x & 255, x | 256, x ^ 21]


def edges():
    big = 9223372036854775807
    small = -9223372036854775808
    return [big + 1, small - 1, big * 2, small // 3, big % 1000, -big - 2]


def text(s, items):
    return s * 3, items * 2, items + [] if False else items * 1


def broken(s):
    try:
        return s + 1
    except TypeError as e:
        return "TypeError: " + str(e)


def floats(x):
    return [x + 1, x - 2, x * 4, x / 8, x // 3, x % 5]


def unbound(flag):
    if flag:
        value = 10
    return value - 1


print(ops(10), ops(-10), ops(True))
print(shifts(1000), shifts(-7))
print(edges())
print(text("ab", [1, 2]))
print(broken("x"), broken(None))
print(floats(2.5), floats(-0.5))
total = 0
for i in range(5):
    total = total + 1
print(total, [k - 1 for k in range(4)], (lambda z: z * 10)(4))
print(unbound(True))
print(unbound(False))
