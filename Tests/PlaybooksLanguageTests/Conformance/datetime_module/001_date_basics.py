from datetime import date
d = date(2024, 2, 28)
print(d, repr(d))
print(d.year, d.month, d.day, d.weekday(), d.isoweekday())
print(d.isoformat(), str(d))
print(d.strftime("%Y-%m-%d"), d.strftime("%A %B %d, %Y"), d.strftime("%j"))
print(date(2023, 12, 31).strftime("%j"), date(2024, 12, 31).strftime("%j"))
