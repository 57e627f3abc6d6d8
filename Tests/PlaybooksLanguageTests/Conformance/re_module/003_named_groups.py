import re
pat = re.compile(r"(?P<key>\w+)\s*=\s*(?P<value>[^;]+)")
for m in pat.finditer("host = example.com; port=8080;debug = true"):
    print(m.group("key"), "->", repr(m.group("value")), m.span())
m = pat.match("user=ann")
print(m.groupdict(), m.group("key"), m.group("value"))
