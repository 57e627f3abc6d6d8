fields = "a,,c".split(",")
print(fields)
for f in fields:
    print(repr(f), f.upper())
print(int(fields[1]))
