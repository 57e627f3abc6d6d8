readings = ["1.5", "2.25", "n/a"]
values = []
for r in readings:
    values.append(float(r))
    print(values)
