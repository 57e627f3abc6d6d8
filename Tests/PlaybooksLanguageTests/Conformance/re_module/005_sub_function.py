import re
def double(m):
    return str(int(m.group()) * 2)
print(re.sub(r"\d+", double, "3 apples and 12 pears"))
def title(m):
    return m.group(1).upper() + m.group(2)
print(re.sub(r"\b(\w)(\w*)", title, "the quick brown fox"))
prices = "cost: $5, $12.50 and $100"
print(re.sub(r"\$(\d+(?:\.\d+)?)", lambda m: f"EUR{float(m.group(1)) * 0.9:.2f}", prices))
