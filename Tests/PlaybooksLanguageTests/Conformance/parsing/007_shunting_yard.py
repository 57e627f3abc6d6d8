PREC = {"+": 1, "-": 1, "*": 2, "/": 2, "^": 3}
def to_rpn(expr):
    out, ops = [], []
    for tok in expr.replace("(", " ( ").replace(")", " ) ").split():
        if tok.isdigit():
            out.append(tok)
        elif tok == "(":
            ops.append(tok)
        elif tok == ")":
            while ops[-1] != "(":
                out.append(ops.pop())
            ops.pop()
        else:
            while ops and ops[-1] != "(" and (PREC[ops[-1]] > PREC[tok] or (PREC[ops[-1]] == PREC[tok] and tok != "^")):
                out.append(ops.pop())
            ops.append(tok)
    while ops:
        out.append(ops.pop())
    return " ".join(out)

for e in ["3 + 4 * 2", "( 1 + 2 ) * 3", "2 ^ 3 ^ 2", "8 - 3 - 2", "( 5 - ( 1 + 1 ) ) / 3"]:
    print(f"{e:<24} => {to_rpn(e)}")
