from datetime import date, datetime
for y, m, d in [(2024, 2, 29), (2023, 2, 29), (2024, 4, 31), (2024, 0, 1), (2024, 12, 31)]:
    try:
        print(date(y, m, d))
    except ValueError as e:
        print(f"{y}-{m}-{d}:", e)
try:
    datetime(2024, 1, 1, 24, 0)
except ValueError as e:
    print("ValueError:", e)
