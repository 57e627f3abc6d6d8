funcs = [len, str.upper, abs, sorted, max]
args = ["abc", "abc", -3, "cab", [4, 9, 2]]
for f, a in zip(funcs, args):
    print(f(a))
print(list(map(len, ["a", "bb", ""])))
print(sorted(["bb", "a", "ccc"], key=len, reverse=True))
print(max(["bb", "a", "ccc"], key=len), min(["bb", "a", "ccc"], key=len))
