import json
base = json.loads('{"db": {"host": "localhost", "port": 5432}, "debug": false, "tags": ["a"]}')
override = json.loads('{"db": {"port": 6543}, "debug": true, "tags": ["b"]}')

def merge(a, b):
    out = dict(a)
    for k, v in b.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = merge(out[k], v)
        elif isinstance(v, list) and isinstance(out.get(k), list):
            out[k] = out[k] + v
        else:
            out[k] = v
    return out

print(json.dumps(merge(base, override), indent=2))
