try:
    try:
        {}["x"]
    except KeyError:
        [][0]
except IndexError as e:
    print("second error:", e)
    print("handled")
try:
    raise ValueError("outer") from None
except ValueError as e:
    print(e, e.__cause__)
