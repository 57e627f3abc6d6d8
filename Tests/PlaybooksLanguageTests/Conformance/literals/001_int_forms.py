a = 42
b = -17
c = 0
d = 1_000_000
e = 0x1F
f = 0o17
g = 0b1011
h = 0XFF
print(a, b, c, d)
print(e, f, g, h)
print(type(a).__name__, type(d).__name__)
print(1_0_0 + 0b1_0, 0x_ff)
print(-0, +5, -(-3))
