class Counter:
    created = 0

    def __init__(self, name):
        Counter.created += 1
        self.name = name
        self.value = 0

    def inc(self, by=1):
        self.value += by
        return self.value

a = Counter("a")
b = Counter("b")
a.inc(); a.inc(5); b.inc()
print(a.name, a.value, b.name, b.value)
print(Counter.created, a.created)
