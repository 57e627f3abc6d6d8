from datetime import date, timedelta
start = date(2024, 3, 1)
names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
print(" ".join(names))
cells = ["   "] * start.weekday()
d = start
while d.month == 3:
    cells.append(f"{d.day:>3}")
    d += timedelta(days=1)
for i in range(0, len(cells), 7):
    print(" ".join(c.strip().rjust(3) for c in cells[i:i + 7]))
