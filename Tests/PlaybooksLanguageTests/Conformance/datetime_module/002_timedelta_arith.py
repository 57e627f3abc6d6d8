from datetime import date, timedelta
d = date(2024, 2, 28)
print(d + timedelta(days=1), d + timedelta(days=2), d - timedelta(days=60))
delta = date(2025, 1, 1) - date(2024, 1, 1)
print(delta, delta.days, type(delta).__name__)
print(date(2023, 3, 1) - date(2023, 2, 1))
print(date(2000, 1, 1) + timedelta(weeks=52))
print(repr(timedelta(days=3, hours=5)))
