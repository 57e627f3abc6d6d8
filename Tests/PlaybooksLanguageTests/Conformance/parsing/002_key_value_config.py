text = """
# database settings
host = db.local
port=5432
  user = admin  
password =
timeout = 2.5
debug = true
bad line here
[section]
"""
config, errors = {}, []
for n, raw in enumerate(text.splitlines(), 1):
    line = raw.strip()
    if not line or line.startswith("#"):
        continue
    if "=" not in line:
        errors.append(f"line {n}: cannot parse {line!r}")
        continue
    key, _, value = line.partition("=")
    key, value = key.strip(), value.strip()
    if value.lower() in ("true", "false"):
        value = value.lower() == "true"
    elif value.isdigit():
        value = int(value)
    else:
        try:
            value = float(value)
        except ValueError:
            pass
    config[key] = value
print(config)
print("\n".join(errors))
