UNITS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400}
def parse_duration(text):
    total, num = 0.0, ""
    i = 0
    while i < len(text):
        ch = text[i]
        if ch.isdigit() or ch == ".":
            num += ch
            i += 1
            continue
        unit = text[i:i + 2] if text[i:i + 2] in UNITS else ch
        if unit not in UNITS or not num:
            raise ValueError(f"bad duration {text!r} at {i}")
        total += float(num) * UNITS[unit]
        num = ""
        i += len(unit)
    if num:
        raise ValueError(f"missing unit in {text!r}")
    return total

for t in ["1h30m", "2d", "45s", "1.5h", "250ms", "1m1s1ms", "10", "5x"]:
    try:
        print(t, parse_duration(t))
    except ValueError as e:
        print(t, "error:", e)
