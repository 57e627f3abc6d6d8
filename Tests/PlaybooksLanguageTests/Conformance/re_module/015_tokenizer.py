import re
TOKEN = re.compile(r"\s*(?:(\d+\.?\d*)|(\w+)|(.))")
def tokenize(src):
    out = []
    for num, name, op in TOKEN.findall(src):
        if num:
            out.append(("NUM", float(num) if "." in num else int(num)))
        elif name:
            out.append(("NAME", name))
        elif op.strip():
            out.append(("OP", op))
    return out
print(tokenize("x = 3 + 4.5 * (y - 10)"))
print(tokenize("max(a,b)>=2"))
