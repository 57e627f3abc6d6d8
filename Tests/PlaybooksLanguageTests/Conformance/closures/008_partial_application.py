def partial(fn, *bound, **bound_kw):
    def call(*args, **kw):
        merged = dict(bound_kw)
        merged.update(kw)
        return fn(*bound, *args, **merged)
    return call

def volume(l, w, h, unit="cm"):
    return f"{l * w * h}{unit}3"

base = partial(volume, 2, 3)
print(base(4))
print(base(5, unit="m"))
print(partial(volume, unit="in")(1, 1, 1))
print(partial(max)(3, 9, 2))
