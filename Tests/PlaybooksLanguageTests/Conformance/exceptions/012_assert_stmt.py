def check(x):
    assert x > 0, f"x must be positive: {x}"
    assert isinstance(x, int)
    return x * 2

for v in [3, -1, 2.5]:
    try:
        print(check(v))
    except AssertionError as e:
        print("AssertionError", repr(str(e)), e.args)
