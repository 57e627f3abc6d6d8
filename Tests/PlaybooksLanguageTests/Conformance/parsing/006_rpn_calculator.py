def rpn(expr):
    stack = []
    ops = {"+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b, "/": lambda a, b: a / b, "^": lambda a, b: a ** b}
    for tok in expr.split():
        if tok in ops:
            if len(stack) < 2:
                raise ValueError(f"stack underflow at {tok!r}")
            b, a = stack.pop(), stack.pop()
            stack.append(ops[tok](a, b))
        else:
            stack.append(int(tok))
    if len(stack) != 1:
        raise ValueError(f"leftover stack {stack}")
    return stack[0]

for e in ["3 4 +", "5 1 2 + 4 * + 3 -", "2 3 ^ 2 /", "1 +", "1 2", "4 0 /"]:
    try:
        print(e, "->", rpn(e))
    except (ValueError, ZeroDivisionError) as err:
        print(e, "-> error:", type(err).__name__, err)
