import re
print(re.split(r"[,;\s]+", "a, b;c  d,e"))
print(re.split(r"(\d)", "a1b2c"))
print(re.split(r"\s*\|\s*", "x | y|z |  w"))
print(re.split(r",", "a,b,c,d", maxsplit=2))
print(re.split(r"x", "abc"))
