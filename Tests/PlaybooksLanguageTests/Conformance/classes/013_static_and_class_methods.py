class Temperature:
    scale = "C"

    def __init__(self, degrees):
        self.degrees = degrees

    @staticmethod
    def freezing():
        return 0

    @classmethod
    def from_f(cls, f):
        return cls(round((f - 32) * 5 / 9, 1))

    @classmethod
    def describe(cls):
        return f"{cls.__name__} in {cls.scale}"


print(Temperature.freezing(), Temperature(5).freezing())
t = Temperature.from_f(212)
print(t.degrees, Temperature.describe(), t.describe())
print(Temperature(3).from_f(50).degrees)
