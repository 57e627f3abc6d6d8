def area(shape, size):
    if shape == "square":
        return size * size
    raise NotImplementedError(f"shape {shape!r} not supported")

for s in ["square", "circle"]:
    try:
        print(area(s, 3))
    except NotImplementedError as e:
        print(type(e).__name__, e)
        print(isinstance(e, RuntimeError))
