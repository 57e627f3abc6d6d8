calls = []

def t(name, val):
    calls.append(name)
    return val

print(t("a", 0) and t("b", 1))
print(t("c", 1) and t("d", 2))
print(t("e", 0) or t("f", "") or t("g", "last"))
print(t("h", "first") or t("i", 1))
print(calls)
x = None
print(x is not None and x > 3)
