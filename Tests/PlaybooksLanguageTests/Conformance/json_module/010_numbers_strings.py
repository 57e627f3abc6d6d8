import json
vals = json.loads('[1, 1.0, -0, -0.0, 1E2, 2.5e-3, 12345678901234567890, 0.1, "1", true]')
for v in vals:
    print(repr(v), type(v).__name__)
print(json.dumps(vals))
print(json.dumps(1e100), json.dumps(1 / 3), json.dumps(10.0))
