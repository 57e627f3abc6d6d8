import re
date = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
m = date.search("Due: 2024-02-29!")
print(m.groups(), m.group(1), m.group(3), m.start(1), m.end(3))
print(date.fullmatch("2024-02-29").group(2), date.match("x2024-02-29"))
print([m.group(0) for m in date.finditer("2020-01-01, 2021-12-31")])
print(date.sub(r"\3.\2.\1", "2020-01-01"))
print(date.split("a2020-01-01b"))
