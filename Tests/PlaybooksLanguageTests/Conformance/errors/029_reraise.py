def risky():
    return {"a": 1}["b"]

try:
    risky()
except KeyError as e:
    print("logging error:", repr(e))
    raise
