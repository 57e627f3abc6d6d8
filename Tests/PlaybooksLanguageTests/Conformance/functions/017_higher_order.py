def make_pipeline(*funcs):
    def run(value):
        for fn in funcs:
            value = fn(value)
        return value
    return run

clean = make_pipeline(str.strip, str.lower, lambda s: s.replace(" ", "_"))
print(clean("  Hello World  "))
nums = make_pipeline(lambda xs: [x for x in xs if x > 0], sorted, lambda xs: xs[::-1])
print(nums([3, -1, 7, 0, 2]))
print(make_pipeline()(42))
