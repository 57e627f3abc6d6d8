from datetime import date, datetime
d = date.fromisoformat("2024-07-04")
print(d, d.strftime("%A"), d.weekday())
dt = datetime.fromisoformat("2024-07-04T18:45:30")
print(dt, dt.hour, dt.strftime("%B %d %H:%M"))
dt2 = datetime.fromisoformat("2024-07-04 06:00:00")
print(dt - dt2, dt2 < dt)
try:
    date.fromisoformat("2024-13-01")
except ValueError as e:
    print("ValueError:", e)
