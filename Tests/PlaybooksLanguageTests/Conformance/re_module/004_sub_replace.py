import re
print(re.sub(r"\s+", " ", "too    many   spaces\there"))
print(re.sub(r"(\w+)@(\w+)\.com", r"\2 at \1", "mail ann@example.com or bob@test.com"))
print(re.sub(r"(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)", r"\g<d>/\g<m>/\g<y>", "on 2024-03-15 and 2023-12-01"))
print(re.sub(r"a", "A", "banana", count=2))
print(re.sub(r"\d", "#", "a1b2c3"))
print(re.sub(r"^", "> ", "quoted"))
