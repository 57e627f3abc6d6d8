import json
try:
    json.dumps({"s": {1, 2}})
except TypeError as e:
    print("TypeError:", e)
try:
    json.dumps({(1, 2): "tuple key"})
except TypeError as e:
    print("TypeError:", e)
print(json.dumps(float("inf")), json.dumps(float("nan")), json.dumps(-float("inf")))
print(json.loads("NaN"), json.loads("-Infinity"))
