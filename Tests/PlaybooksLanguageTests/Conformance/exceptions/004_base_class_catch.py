def risky(kind):
    if kind == "key":
        return {}["missing"]
    if kind == "index":
        return [1][5]
    if kind == "zero":
        return 5 // 0
    if kind == "overflow":
        raise OverflowError("too big")
    return "fine"

for kind in ["key", "index", "zero", "overflow", "none"]:
    try:
        print(risky(kind))
    except LookupError as e:
        print("LookupError family:", type(e).__name__, e)
    except ArithmeticError as e:
        print("ArithmeticError family:", type(e).__name__, e)
