import re
html = "<b>bold</b> and <i>italic</i>"
print(re.findall(r"<.+>", html))
print(re.findall(r"<.+?>", html))
print(re.findall(r"<(\w+)>(.*?)</\1>", html))
print(re.match(r"a*?", "aaa").group() == "", re.match(r"a+?", "aaa").group())
print(re.search(r"\d{2,4}", "1234567").group(), re.search(r"\d{2,4}?", "1234567").group())
