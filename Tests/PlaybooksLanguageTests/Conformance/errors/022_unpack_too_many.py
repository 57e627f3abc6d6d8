pairs = ["a=1", "b=2", "c=3=4"]
print("parsing", len(pairs), "pairs")
for p in pairs:
    k, v = p.split("=")
    print(k, v)
