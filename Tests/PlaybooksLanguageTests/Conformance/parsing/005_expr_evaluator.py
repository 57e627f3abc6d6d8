def evaluate(src):
    tokens = src.replace("(", " ( ").replace(")", " ) ").split()
    pos = 0
    def peek():
        return tokens[pos] if pos < len(tokens) else None
    def take():
        nonlocal pos
        pos += 1
        return tokens[pos - 1]
    def expr():
        v = term()
        while peek() in ("+", "-"):
            v = v + term() if take() == "+" else v - term()
        return v
    def term():
        v = factor()
        while peek() in ("*", "/"):
            v = v * factor() if take() == "*" else v / factor()
        return v
    def factor():
        t = take()
        if t == "(":
            v = expr()
            take()
            return v
        if t == "-":
            return -factor()
        return float(t) if "." in t else int(t)
    return expr()

for e in ["1 + 2 * 3", "(1 + 2) * 3", "10 / 4 - 1", "2 * (3 + (4 - 1)) * 2", "- 3 + 5", "7"]:
    print(e, "=", evaluate(e))
