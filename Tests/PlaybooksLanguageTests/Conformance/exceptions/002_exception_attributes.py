errors = [ValueError("bad value"), KeyError("k"), IndexError("idx", 2), RuntimeError(), TypeError("t", "u")]
for e in errors:
    print(type(e).__name__, "|", str(e), "|", e.args, "|", repr(e))
e = Exception("a", 1, None)
print(e, e.args, len(e.args))
print(repr(Exception()), str(Exception()) == "")
