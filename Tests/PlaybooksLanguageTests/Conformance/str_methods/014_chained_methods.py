raw = "   Hello, World! Welcome to   PYTHON.   "
clean = raw.strip().lower().replace(",", "").replace("!", "").replace(".", "")
print(repr(clean))
words = clean.split()
print(words)
print("_".join(words).upper())
print(" ".join(w.capitalize() for w in words))
print(raw.strip().split(" ", 2)[2].strip())
