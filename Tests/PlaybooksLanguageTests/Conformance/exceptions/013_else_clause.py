def lookup(d, k):
    try:
        v = d[k]
    except KeyError:
        print("no", k)
    else:
        print("found", k, v)
        v *= 2
        return v
    finally:
        print("done", k)
    return None

print(lookup({"a": 3}, "a"))
print(lookup({"a": 3}, "b"))
