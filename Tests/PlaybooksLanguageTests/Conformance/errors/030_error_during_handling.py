def parse(s):
    try:
        return int(s)
    except ValueError:
        print("fallback for", repr(s))
        return [0][1]

print(parse("7"))
print(parse("seven"))
