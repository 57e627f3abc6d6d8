words = ["alpha", "beta", "gamma", "delta"]
print("".join(w[0] for w in words).upper())
print(" ".join(w.capitalize() for w in words))
print("-".join(f"{i}:{w}" for i, w in enumerate(words)))
print([w[::-1] for w in words if "a" in w[1:]])
acr = "".join([w[0].upper() for w in "portable network graphics".split()])
print(acr)
print({ch: words[0].count(ch) for ch in sorted(set(words[0]))})
