entries = """ann,mon,8
bob,mon,6.5
ann,tue,9
bob,tue,7
ann,wed,4.5
cy,wed,8"""
hours = {}
days = []
for line in entries.splitlines():
    name, day, h = line.split(",")
    if day not in days:
        days.append(day)
    hours.setdefault(name, {})[day] = float(h)
print("name " + " ".join(f"{d:>5}" for d in days) + "  total")
for name in sorted(hours):
    row = [hours[name].get(d, 0.0) for d in days]
    flag = " OT" if sum(row) > 20 else ""
    print(f"{name:<5}" + " ".join(f"{h:>5.1f}" for h in row) + f"{sum(row):>7.1f}{flag}")
