tests = [(1, 0), (1.0, 0), (0, 0.0), (5, 2)]
for a, b in tests:
    for op in ("/", "//", "%"):
        try:
            if op == "/":
                r = a / b
            elif op == "//":
                r = a // b
            else:
                r = a % b
            print(a, op, b, "=", r)
        except ZeroDivisionError as e:
            print(a, op, b, "->", e)
try:
    divmod(3, 0)
except ZeroDivisionError as e:
    print("divmod:", e)
