rows = ["10", "20", " 30 ", "4O"]
total = 0
for r in rows:
    total += int(r)
    print("running total", total)
print("done", total)
