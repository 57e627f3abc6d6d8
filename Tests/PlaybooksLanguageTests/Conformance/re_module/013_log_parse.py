import re
logs = [
    "2024-01-05 10:22:01 ERROR [db] connection lost (code=17)",
    "2024-01-05 10:22:05 INFO [web] request served in 35ms",
    "2024-01-05 10:23:11 WARN [db] slow query 1200ms",
    "garbage line",
    "2024-01-05 10:24:00 ERROR [web] timeout (code=504)",
]
pat = re.compile(r"(?P<date>\S+) (?P<time>\S+) (?P<level>[A-Z]+) \[(?P<mod>\w+)\] (?P<msg>.*)")
for line in logs:
    m = pat.match(line)
    if not m:
        print("skip:", line)
        continue
    code = re.search(r"code=(\d+)", m.group("msg"))
    ms = re.search(r"(\d+)ms", m.group("msg"))
    print(m.group("level"), m.group("mod"), code.group(1) if code else "-", int(ms.group(1)) if ms else "-")
