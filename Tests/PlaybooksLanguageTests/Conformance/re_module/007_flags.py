import re
print(re.findall(r"hello", "Hello HELLO hello", re.I))
text = "first line\nsecond line\nthird"
print(re.findall(r"^\w+", text), re.findall(r"^\w+", text, re.M))
print(re.findall(r"\w+$", text, re.M))
print(re.search(r"line.second", text), re.search(r"line.second", text, re.S).group())
p = re.compile(r"^s\w+", re.I | re.M)
print(p.findall("Start\nstop\nSkip\nno"))
