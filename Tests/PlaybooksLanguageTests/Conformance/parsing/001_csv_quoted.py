def parse_line(line):
    fields, cur, in_q, i = [], "", False, 0
    while i < len(line):
        ch = line[i]
        if in_q:
            if ch == '"' and i + 1 < len(line) and line[i + 1] == '"':
                cur += '"'
                i += 1
            elif ch == '"':
                in_q = False
            else:
                cur += ch
        elif ch == '"':
            in_q = True
        elif ch == ",":
            fields.append(cur)
            cur = ""
        else:
            cur += ch
        i += 1
    fields.append(cur)
    return fields

for line in ['a,b,c', '"x, y",2,""', 'say "hi",,end', '"quote ""inside""",1', '']:
    print(repr(line), parse_line(line))
