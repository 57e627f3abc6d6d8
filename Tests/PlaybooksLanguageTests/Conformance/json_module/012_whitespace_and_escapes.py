import json
print(json.loads('  \n {"a" :\t[ 1 , 2 ] }  '))
print(json.loads('"\\/\\b\\f\\n\\r\\t\\"\\\\"'))
print(json.dumps("\b\f\n\r\t\"\\/"))
print(json.dumps("\u2028 \x7f \x1f"))
print(json.loads('{"a": 1, "a": 2}'))
print(json.loads("[]"), json.loads("{}"), json.loads('""'), json.loads("0"))
