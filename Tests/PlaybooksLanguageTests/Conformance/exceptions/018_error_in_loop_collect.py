lines = ["a=1", "b=two", "c", "d=4", "=5"]
good, bad = {}, []
for n, line in enumerate(lines, 1):
    try:
        key, val = line.split("=")
        if not key:
            raise ValueError("empty key")
        good[key] = int(val)
    except ValueError as e:
        bad.append((n, str(e)))
print(good)
for item in bad:
    print(item)
