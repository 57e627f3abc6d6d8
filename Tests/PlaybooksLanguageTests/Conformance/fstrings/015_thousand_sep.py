numbers = [0, 999, 1000, 123456, -9876543, 10 ** 12]
for n in numbers:
    print(f"{n:,} | {n:_} | {n:>15,}")
print(f"{sum(numbers):,}")
print(f"{1234.5:,.2f} {-1234.5:,.0f}")
print(f"{0xdeadbeef:_x} {0xdeadbeef:_b}")
