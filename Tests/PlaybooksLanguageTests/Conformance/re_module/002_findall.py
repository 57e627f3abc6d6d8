import re
text = "Call 555-1234 or 555-9876; office 800-555-0000."
print(re.findall(r"\d{3}-\d{4}", text))
print(re.findall(r"(\d{3})-(\d{4})", text))
print(re.findall(r"(\d+)", "a1b22c333"))
print(re.findall(r"[aeiou]", "programming language"))
print(re.findall(r"\b\w{5}\b", "these words have some length"))
print(re.findall(r"x", "none here"))
