def parse_qs(qs):
    result = {}
    for part in qs.split("&"):
        if not part:
            continue
        key, _, value = part.partition("=")
        decoded, i = "", 0
        while i < len(value):
            if value[i] == "%":
                decoded += chr(int(value[i + 1:i + 3], 16))
                i += 3
            else:
                decoded += " " if value[i] == "+" else value[i]
                i += 1
        result.setdefault(key, []).append(decoded)
    return result

print(parse_qs("q=hello+world&lang=en&lang=fr&empty=&flag"))
print(parse_qs("name=Jos%E9&sym=%26%3D%25&plus=%2B+x"))
print(parse_qs(""))
