import json
data = {"a": [1, 2], "b": {"c": None}}
print(json.dumps(data, separators=(",", ":")))
print(json.dumps(data, separators=(", ", ": ")))
print(json.dumps(data, indent=2, separators=(",", " = ")))
print(json.dumps(data, indent=0))
print(json.dumps(data, indent=""))
