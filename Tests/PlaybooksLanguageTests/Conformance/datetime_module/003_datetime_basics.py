from datetime import datetime
dt = datetime(2024, 3, 15, 14, 30, 5)
print(dt, repr(dt))
print(dt.isoformat(), dt.date(), dt.time())
print(dt.strftime("%Y-%m-%d %H:%M:%S"), dt.strftime("%d/%m/%y %I:%M %p"))
print(dt.hour, dt.minute, dt.second, dt.weekday())
print(datetime(2024, 1, 1, 0, 0).isoformat(), datetime(2024, 1, 1, 9, 5, 3, 120).isoformat())
