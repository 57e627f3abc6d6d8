a = "ab"
b = a * 3
print(b, len(b))
print("-" * 20)
print(3 * "xy", "" * 5, "z" * 0, "q" * -2)
s = ""
for i in range(5):
    s += str(i)
print(s)
print("a" + "b" + "c" == "abc")
parts = ["x"] * 3
print(parts, "+".join(parts))
