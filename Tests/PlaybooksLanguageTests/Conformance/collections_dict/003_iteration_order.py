d = {}
for k in ["zeta", "alpha", "mid", "beta"]:
    d[k] = len(k)
print(d)
for k in d:
    print(k, d[k])
for k, v in d.items():
    print(f"{k}={v}", end=" ")
print()
d["alpha"] = 0
print(list(d))
del d["zeta"]
d["zeta"] = 9
print(list(d))
print(sorted(d), sorted(d.items(), key=lambda kv: kv[1]))
