import json
original = {"ints": [0, -1, 10 ** 20], "floats": [0.1, 1e16, -2.5, 1e-7], "s": "a\"b", "nested": [[[]], {}]}
encoded = json.dumps(original)
print(encoded)
decoded = json.loads(encoded)
print(decoded == original)
print(json.dumps(decoded, sort_keys=True) == json.dumps(original, sort_keys=True))
print(json.loads(json.dumps((1, 2))))
