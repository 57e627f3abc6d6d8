import re
print(re.findall(r"\bcat\b", "cat concat cat's bobcat cat"))
print(re.search(r"^abc$", "abc") is not None, re.search(r"^abc$", "abcd"))
print(re.findall(r"\Bcat", "concat bobcat cat"))
print(re.match(r"$", "") is not None)
print(re.findall(r"(?m)^\d+", "1 a\n22 b\nc 3"))
