class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def dist2(self, other):
        return (self.x - other.x) ** 2 + (self.y - other.y) ** 2

p = Point(1, 2)
q = Point(4, 6)
print(p.x, p.y, q.x, q.y)
print(p.dist2(q), q.dist2(p))
p.x = 10
print(p.x, p.dist2(q))
print(type(p).__name__)
