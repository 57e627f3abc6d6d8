import re
def strong(pw):
    return bool(re.fullmatch(r"(?=.*\d)(?=.*[a-z])(?=.*[A-Z]).{8,}", pw))
for pw in ["password", "Passw0rd", "SHORT1a", "longenough1A"]:
    print(pw, strong(pw))
print(re.findall(r"\w+(?=:)", "key: val other: x"))
print(re.findall(r"\d+(?!px)\b", "10px 20 30em 40"))
print(re.findall(r"[a-z]+(?=\d)", "abc1 def ghi2 jk"))
