import re
s = "Var_1 = 3.14; name2='x y'\ttab"
print(re.findall(r"\w+", s))
print(re.findall(r"\d", s), re.findall(r"\D+", "a1b22"))
print(re.findall(r"\s", s))
print(re.findall(r"[^\w\s]", s))
print(re.findall(r"[A-Z][a-z]*", "Hello World From Python"))
print(re.findall(r"[0-9a-fA-F]+", "0xFF beef 123 zz"))
