class Stack:
    def __init__(self):
        self.items = []

    def push(self, x):
        self.items.append(x)
        return self

    def pop(self):
        if not self.items:
            raise IndexError("pop from empty stack")
        return self.items.pop()

    def size(self):
        return len(self.items)

s = Stack()
s.push(1).push(2).push(3)
print(s.items, s.size())
print(s.pop(), s.pop(), s.size())
s.pop()
try:
    s.pop()
except IndexError as e:
    print("IndexError:", e)
