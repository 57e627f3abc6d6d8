def safe_ratio(a, b):
    if b == 0:
        raise ArithmeticError("ratio undefined for b=0")
    return a / b

print(safe_ratio(1, 4))
print(safe_ratio(1, 0))
