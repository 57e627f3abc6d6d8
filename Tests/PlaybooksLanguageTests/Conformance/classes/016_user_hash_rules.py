# hash() calls a user-defined __hash__; __hash__ = None, or __eq__ without __hash__, makes
# instances unhashable (TypeError) as keys, set members and arguments of hash().
class P:
    def __init__(self, x):
        self.x = x

    def __eq__(self, other):
        return isinstance(other, P) and self.x == other.x

    def __hash__(self):
        return hash(self.x)


class Big:
    def __hash__(self):
        return 2**70 + 5


class MinusOne:
    def __hash__(self):
        return -1


class NotInt:
    def __hash__(self):
        return "h"


class EqOnly:
    def __init__(self, x):
        self.x = x

    def __eq__(self, other):
        return self.x == other.x


class NoHash:
    __hash__ = None


class Child(EqOnly):
    pass


class Plain:
    pass


print(hash(P(1)) == hash(1), hash(P(7)), hash(P("a")) == hash("a"), hash(Big()), hash(MinusOne()))
print(P(1) == P(1), P(1) != P(2), EqOnly(1) == EqOnly(1))
p = Plain()
print(hash(p) == hash(p), p in {p}, len({Plain(), Plain()}))
try:
    hash(NotInt())
except TypeError as e:
    print("TypeError:", e)
for make in [lambda: EqOnly(1), lambda: NoHash(), lambda: Child(2)]:
    for use in [hash, lambda o: {o}, lambda o: {o: 1}, lambda o: set([o]), lambda o: o in {1, 2}, lambda o: (1, o) in {}]:
        try:
            use(make())
            print("no error")
        except TypeError as e:
            print("TypeError:", e)
print(EqOnly.__hash__, NoHash.__hash__, Child.__hash__ is None, P.__hash__ is not None)
print(hash(2**70 + 5), hash(-2**64), hash(2**62), hash(-1), hash(2**61 - 1))
