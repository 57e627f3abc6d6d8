import json
s = {"name": "José", "city": "Zürich", "emoji_free": "日本", "ctrl": "\x01"}
print(json.dumps(s))
print(json.dumps(s, ensure_ascii=False))
back = json.loads(json.dumps(s))
print(back == s, back["name"])
print(json.loads('"\\u00e9\\u4e2d\\n"'))
print(json.loads('"\\ud83d\\ude00"') == "\U0001F600")
