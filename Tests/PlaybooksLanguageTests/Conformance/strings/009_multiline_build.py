lines = []
for i in range(1, 4):
    lines.append("line %d: %s" % (i, "*" * i))
block = "\n".join(lines)
print(block)
print(len(block.splitlines()))
doc = """Header
  indented
last"""
for n, ln in enumerate(doc.split("\n"), 1):
    print(n, repr(ln))
