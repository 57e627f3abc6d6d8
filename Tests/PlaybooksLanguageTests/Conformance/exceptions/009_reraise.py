def inner():
    raise KeyError("deep")

def middle():
    try:
        inner()
    except KeyError:
        print("middle saw it, re-raising")
        raise

try:
    middle()
except KeyError as e:
    print("outer caught", repr(e))
try:
    try:
        1 / 0
    except ZeroDivisionError as e:
        raise ValueError("converted") from e
except ValueError as e:
    print(e, type(e.__cause__).__name__, e.__cause__)
