import json
bad = ['{"a": 1,}', "[1, 2", "{'single': 1}", "", "nul", '{"a" 1}', "[1] extra", '"unterminated']
for b in bad:
    try:
        json.loads(b)
        print("parsed?!", b)
    except json.JSONDecodeError as e:
        print(repr(b), "->", e)
try:
    json.loads("{")
except ValueError as e:
    print("also a ValueError:", type(e).__name__)
