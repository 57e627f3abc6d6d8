colors = {"red": 1, "green": 2, "blue": 3, "crimson": 1}
inverted = {}
for name, code in colors.items():
    inverted.setdefault(code, []).append(name)
print(inverted)
simple = {v: k for k, v in colors.items()}
print(simple)
print(dict(sorted(colors.items(), key=lambda kv: (kv[1], kv[0]))))
