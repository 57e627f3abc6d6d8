for exc in [ValueError, ValueError("with msg"), KeyError, IndexError(3)]:
    try:
        raise exc
    except Exception as e:
        print(type(e).__name__, repr(e), e.args)
try:
    raise TypeError
except TypeError as e:
    print("bare class ->", repr(str(e)))
