def rate_limit(max_calls):
    def deco(fn):
        used = 0
        def wrapper(*a):
            nonlocal used
            if used >= max_calls:
                return f"limit reached for {fn.__name__}"
            used += 1
            return fn(*a)
        return wrapper
    return deco

@rate_limit(2)
def fetch(url):
    return "fetched " + url

for u in ["a", "b", "c", "d"]:
    print(fetch(u))
