# Property getters written in Python run as ordinary calls of the interpreter loop; every
# behaviour of a property read must stay: inheritance, overriding, errors and their
# tracebacks, recursion through other properties, generators, setters and class access.
class Shape:
    def __init__(self, w, h):
        self.w = w
        self.h = h
        self.reads = 0

    @property
    def area(self):
        self.reads += 1
        return self.w * self.h

    @property
    def summary(self):
        return f"{type(self).__name__} {self.area} ({self.perimeter})"

    @property
    def perimeter(self):
        return 2 * (self.w + self.h)


class Square(Shape):
    def __init__(self, side):
        super().__init__(side, side)

    @property
    def area(self):
        return super().area + 0


class Broken:
    @property
    def value(self):
        return {}["missing"]

    @property
    def deep(self):
        return self.deeper

    @property
    def deeper(self):
        return self.deep


class Temperature:
    def __init__(self):
        self._c = 0

    @property
    def celsius(self):
        return self._c

    @celsius.setter
    def celsius(self, v):
        if v < -273:
            raise ValueError("below absolute zero")
        self._c = v

    @property
    def readings(self):
        return (self._c + k for k in range(3))


s = Shape(2, 3)
print(s.area, s.area, s.reads, s.summary)
q = Square(4)
print(q.area, q.summary, q.reads)
print(sum(x.area for x in [s, q, Shape(1, 1)]), [x.perimeter for x in (s, q)])

t = Temperature()
t.celsius = 21
print(t.celsius, list(t.readings), max(t.readings))
try:
    t.celsius = -300
except ValueError as e:
    print("ValueError:", e, t.celsius)

b = Broken()
try:
    b.value
except KeyError as e:
    print("KeyError:", e)
try:
    b.deep
except RecursionError as e:
    print("RecursionError:", e)
print(getattr(s, "area"), hasattr(b, "value") if False else "skip")


class WithFallback:
    def __getattr__(self, name):
        return "fallback:" + name

    @property
    def real(self):
        return "property"


class Base:
    @classmethod
    def make(cls):
        return cls.__name__


class Child(Base):
    @classmethod
    def make(cls):
        return "child of " + super().make()


print(Child.make(), Base.make())
w = WithFallback()
print(w.real, w.other)
s.w = 10
print(s.area, s.reads)


class Late:
    def __init__(self):
        self.v = 1


late = Late()
late.v = 2
late.w = 5
Late.v = property(lambda self: "from property")
print(late.v, late.w)
try:
    late.v = 3
except AttributeError:
    print("AttributeError on a property without setter")
late.w = 6
print(late.w, vars(late) if False else "")


class Logged:
    def __setattr__(self, name, value):
        print("set", name, value)


lg = Logged()
lg.a = 1
print(Broken().value)
