def render(template, ctx):
    out, i = [], 0
    while True:
        start = template.find("{{", i)
        if start == -1:
            out.append(template[i:])
            break
        end = template.find("}}", start)
        out.append(template[i:start])
        expr = template[start + 2:end].strip()
        name, _, filt = expr.partition("|")
        value = ctx
        for part in name.strip().split("."):
            value = value.get(part, "") if isinstance(value, dict) else ""
        value = str(value)
        if filt.strip() == "upper":
            value = value.upper()
        elif filt.strip() == "title":
            value = value.title()
        out.append(value)
        i = end + 2
    return "".join(out)

ctx = {"user": {"name": "ann lee", "role": "admin"}, "count": 3}
print(render("Hello {{ user.name | title }} ({{user.role|upper}}), {{count}} new, {{ missing }}!", ctx))
print(render("no tags", ctx))
