text = """[server]
host=example.com
port=80

[client]
retries=3
; comment
name = cli tool
[empty]
"""
sections, current = {}, None
for line in text.splitlines():
    line = line.strip()
    if not line or line[0] in ";#":
        continue
    if line.startswith("[") and line.endswith("]"):
        current = line[1:-1]
        sections[current] = {}
    elif current is not None:
        k, v = (p.strip() for p in line.split("=", 1))
        sections[current][k] = v
for name, values in sections.items():
    print(f"[{name}] {values}")
print(sections["server"]["port"], len(sections))
