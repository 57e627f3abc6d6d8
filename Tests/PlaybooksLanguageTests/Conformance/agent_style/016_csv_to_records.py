raw = """id,name,dept,salary
1,Ann,eng,120000
2,Bob,ops,85000
3,Cy,eng,99000
4,Di,sales,70000"""
lines = raw.splitlines()
header = lines[0].split(",")
rows = [dict(zip(header, line.split(","))) for line in lines[1:]]
for r in rows:
    r["id"] = int(r["id"])
    r["salary"] = int(r["salary"])
print(rows[0])
dept_pay = {}
for r in rows:
    dept_pay.setdefault(r["dept"], []).append(r["salary"])
for dept, pays in sorted(dept_pay.items()):
    print(f"{dept:<6} n={len(pays)} avg={sum(pays) / len(pays):>10,.1f} max={max(pays):,}")
