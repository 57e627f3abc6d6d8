import json
doc = {"zeta": [3, {"b": 2, "a": 1}], "alpha": {"nested": {"deep": []}}, "mid": {}}
print(json.dumps(doc, indent=2))
print(json.dumps(doc, sort_keys=True))
print(json.dumps(doc, indent=4, sort_keys=True))
print(json.dumps([1, [2, [3]]], indent=1))
