records = [("ann", 31, "eng"), ("bob", 25, "ops"), ("cy", 40)]
print(len(records), "records")
for rec in records:
    name, age, dept = rec
    print(name, age, dept)
