words = ["apple", "bob", "kiwi", "banana"]
print({w: len(w) for w in words})
print({w[0]: w for w in words})
print({k: v for k, v in zip("abc", [1, 2, 3]) if v != 2})
scores = {"ann": 82, "bob": 55, "cy": 91}
print({n: ("pass" if s >= 60 else "fail") for n, s in scores.items()})
print({v: k for k, v in scores.items()})
print({i: {j: i * j for j in range(2)} for i in range(3)})
