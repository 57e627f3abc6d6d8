print(", ".join(["a", "b", "c"]))
print("".join(["x", "y"]), "-".join("abc"), " ".join([]))
print("\n".join(["line1", "line2"]))
print("+".join(str(i) for i in range(5)))
print("|".join({"k1": 1, "k2": 2}))
try:
    ", ".join([1, 2])
except TypeError as e:
    print("TypeError:", e)
