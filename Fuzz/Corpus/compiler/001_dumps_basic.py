import json
print(json.dumps({"a": 1, "b": [1, 2.5, None], "c": True, "d": "text"}))
print(json.dumps([1, "two", False, None, 3.0]))
print(json.dumps("quote\" and \\ backslash\nnewline\ttab"))
print(json.dumps(42), json.dumps(1.5), json.dumps(None), json.dumps(True))
print(json.dumps({}), json.dumps([]), json.dumps(""))
print(json.dumps((1, 2)), json.dumps({1: "int key", 2.5: "float key", None: "n", True: "t"}))
