width = 10
prec = 3
val = 2 / 7
print(f"[{val:{width}.{prec}f}]")
print(f"[{'hi':{width}}]")
for w in (4, 6, 8):
    print(f"[{'x':>{w}}]")
fill = "*"
align = "^"
print(f"[{'mid':{fill}{align}{width}}]")
spec = ".1f"
print(f"{val:{spec}}")
