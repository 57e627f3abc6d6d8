import re
print(re.findall(r"\.", "a.b.c"), re.findall(r"\$\d+", "$5 and $10"))
print(re.findall(r"\(([^)]*)\)", "f(a, b) + g() + h(x)"))
print(re.split(r"\+|\*", "1+2*3+4"))
print(re.findall(r"[.*+?]", "a.b*c+d?e"))
print(re.sub(r"[\\^$]", "_", "a^b$c\\d"))
