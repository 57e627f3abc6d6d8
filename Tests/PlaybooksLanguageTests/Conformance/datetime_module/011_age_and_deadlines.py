from datetime import date
ref = date(2024, 6, 15)
people = {"ann": date(1990, 6, 16), "bob": date(2000, 2, 29), "cy": date(1985, 6, 15)}
for name, born in people.items():
    age = ref.year - born.year - ((ref.month, ref.day) < (born.month, born.day))
    print(name, born.isoformat(), age)
deadline = date(2024, 7, 1)
left = deadline - ref
print(f"{left.days} days left; due on a {deadline.strftime('%A')}")
