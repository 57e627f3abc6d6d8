import re
m = re.match(r"(\d+)-(\d+)", "10-20 rest")
print(m.group(), m.group(0), m.group(1), m.group(2), m.groups())
print(m.start(), m.end(), m.span(), m.span(2))
print(re.match(r"\d+", "abc123"), re.search(r"\d+", "abc123").group())
print(re.fullmatch(r"[a-z]+", "abc") is not None, re.fullmatch(r"[a-z]+", "abc1"))
s = re.search(r"o", "hello world")
print(s.start(), s.group())
