from datetime import date, datetime
dates = [date(2024, 5, 1), date(2023, 12, 25), date(2024, 1, 15), date(2023, 12, 24)]
print(sorted(dates))
print(max(dates), min(dates))
print(date(2024, 1, 1) < date(2024, 1, 2), date(2024, 1, 1) == date(2024, 1, 1))
a = datetime(2024, 1, 1, 12)
b = datetime(2024, 1, 1, 8, 30)
print(a > b, a - b, (a - b).total_seconds())
print([d.isoformat() for d in sorted(dates, reverse=True)])
