from datetime import date, timedelta
def add_business_days(d, n):
    while n > 0:
        d += timedelta(days=1)
        if d.weekday() < 5:
            n -= 1
    return d
start = date(2024, 5, 30)
for n in [1, 2, 5, 10]:
    r = add_business_days(start, n)
    print(n, r, r.strftime("%a"))
holidays_hit = sum(1 for i in range(31) if (date(2024, 12, 1) + timedelta(days=i)).weekday() >= 5)
print("weekend days in Dec 2024:", holidays_hit)
