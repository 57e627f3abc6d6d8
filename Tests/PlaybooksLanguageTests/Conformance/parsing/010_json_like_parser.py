def parse(s):
    pos = 0
    def ws():
        nonlocal pos
        while pos < len(s) and s[pos] in " \n\t":
            pos += 1
    def value():
        nonlocal pos
        ws()
        ch = s[pos]
        if ch == "[":
            pos += 1
            items = []
            ws()
            if s[pos] == "]":
                pos += 1
                return items
            while True:
                items.append(value())
                ws()
                pos += 1
                if s[pos - 1] == "]":
                    return items
        if ch == '"':
            end = s.index('"', pos + 1)
            text, pos = s[pos + 1:end], end + 1
            return text
        start = pos
        while pos < len(s) and (s[pos].isdigit() or s[pos] == "-"):
            pos += 1
        return int(s[start:pos])
    return value()

print(parse('[1, "two", [3, [-4, []]], "five"]'))
print(parse("42"), parse('"str"'), parse("[ ]"))
