students = {"ann": [90, 80, 70], "bob": [60, 65], "cy": []}
summary = {
    name: {"n": len(s), "avg": (sum(s) / len(s) if s else None), "best": max(s, default=None)}
    for name, s in students.items()
}
for name, info in summary.items():
    print(name, info)
print([name for name, info in summary.items() if info["n"] >= 2])
