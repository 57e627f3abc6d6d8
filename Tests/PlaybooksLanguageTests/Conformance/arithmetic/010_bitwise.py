a, b = 0b1100, 0b1010
print(a & b, a | b, a ^ b, ~a, a << 2, a >> 1)
print(bin(a & b), bin(a | b), bin(a ^ b))
print(-16 >> 2, -1 >> 10, 1 << 70)
print(~0, ~-1, 5 & -5, -5 | 3)
flags = 0
for bit in (0, 3, 5):
    flags |= 1 << bit
print(flags, bin(flags), flags & (1 << 3) != 0, flags & (1 << 2) != 0)
print(0xFF ^ 0x0F, hex(0xABCD >> 4))
