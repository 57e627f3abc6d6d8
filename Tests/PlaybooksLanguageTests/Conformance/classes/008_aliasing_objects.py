class Box:
    def __init__(self, content):
        self.content = content

    def __repr__(self):
        return f"Box({self.content!r})"

a = Box([1, 2])
b = a
c = Box(list(a.content))
b.content.append(3)
print(a, b, c)
print(a is b, a is c, a == c)
boxes = [a] * 2
boxes[0].content = "replaced"
print(boxes, a)
