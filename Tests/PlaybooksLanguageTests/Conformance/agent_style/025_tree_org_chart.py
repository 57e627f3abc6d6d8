reports_to = {"bob": "ann", "cy": "ann", "di": "bob", "ed": "bob", "fay": "cy", "gus": "di"}
children = {}
for emp, mgr in reports_to.items():
    children.setdefault(mgr, []).append(emp)
def show(person, depth=0):
    kids = sorted(children.get(person, []))
    print("  " * depth + f"- {person} ({len(kids)} direct)")
    total = 0
    for k in kids:
        total += 1 + show(k, depth + 1)
    return total
print("headcount under ann:", show("ann"))
def chain(p):
    return [p] + chain(reports_to[p]) if p in reports_to else [p]
print(" -> ".join(chain("gus")))
