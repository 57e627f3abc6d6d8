from dataclasses import dataclass

@dataclass
class Item:
    name: str
    price: float
    qty: int = 1

    def total(self):
        return self.price * self.qty

items = [Item("pen", 1.5, 4), Item("book", 12.0), Item("bag", 30.0, 2)]
for it in items:
    print(it, it.total())
print(items[1] == Item("book", 12.0, 1), items[0] == items[1])
print(sorted(items, key=lambda i: i.total())[0].name)
