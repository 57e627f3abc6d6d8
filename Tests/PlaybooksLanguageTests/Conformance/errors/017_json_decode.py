import json
good = json.loads('{"ok": true}')
print(good)
bad = json.loads("{not json}")
print(bad)
