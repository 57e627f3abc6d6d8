d = {"a": 1}
for key in ["a", "b"]:
    try:
        print(key, d[key])
    except KeyError as e:
        print("missing", e, e.args, type(e).__name__)
try:
    print({"x": {"y": 1}}["x"]["z"])
except KeyError as e:
    print("nested", repr(e))
try:
    {}[(1, 2)]
except LookupError as e:
    print("lookup", e)
print(d.get("b", "fallback"), "b" in d)
