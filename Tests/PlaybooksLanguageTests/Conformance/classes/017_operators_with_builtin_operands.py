# A user class's operators and reflected operators with str, list, tuple and float operands,
# and a class that hashes and compares like the str it holds (found in dicts keyed by str).


class Text:
    def __init__(self, s):
        self.s = s

    def __add__(self, other):
        return Text(self.s + str(other))

    def __radd__(self, other):
        return Text(str(other) + self.s)

    def __mul__(self, n):
        return Text(self.s * int(n))

    def __rmul__(self, n):
        return Text(self.s * int(n))

    def __eq__(self, other):
        return self.s == (other.s if isinstance(other, Text) else other)

    def __hash__(self):
        return hash(self.s)

    def __repr__(self):
        return f"Text({self.s!r})"


t = Text("ab")
print(t + "c", "c" + t, t + [1], [1] + t, t + (2,), (2,) + t, t + 1.5, 1.5 + t)
print(t * 2, 2 * t, t * 2.0)
print(t == "ab", "ab" == t, t != "ab", "ab" != t)

table = {"ab": 1, "cd": 2}
print(Text("ab") in table, table.get(Text("cd")), table[Text("ab")], Text("zz") in table)
print(Text("ab") in {"ab", "x"}, Text("ab") in frozenset(["ab"]))
print(hash(Text("ab")) == hash("ab"), hash(Text((1, 2))) == hash((1, 2)), hash(Text(2.5)) == hash(2.5))
print(Text((1, 2)) in {(1, 2): 0}, Text(2.5) in {2.5}, Text(None) in {None: 1})


class Vec:
    def __init__(self, x):
        self.x = x

    def __add__(self, other):
        return NotImplemented

    def __radd__(self, other):
        return "radd " + repr(other)


print([0] + Vec(1), "s" + Vec(1), (0,) + Vec(1))
try:
    Vec(1) + "s"
except TypeError as e:
    print("TypeError:", e)
try:
    "s" + 5
except TypeError as e:
    print("TypeError:", e)
