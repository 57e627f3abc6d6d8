# A class-based program: a small inventory/order model with inheritance, properties,
# methods calling methods, __repr__ and __eq__, and a simulation loop over instances.
class Item:
    def __init__(self, name, price, stock):
        self.name = name
        self.price = price
        self.stock = stock

    def __repr__(self):
        return f"Item({self.name!r}, {self.price}, {self.stock})"

    def take(self, n):
        if n > self.stock:
            raise ValueError(f"only {self.stock} of {self.name}")
        self.stock -= n
        return n * self.price


class DiscountedItem(Item):
    def __init__(self, name, price, stock, discount):
        super().__init__(name, price, stock)
        self.discount = discount

    def take(self, n):
        return super().take(n) * (1 - self.discount)


class Order:
    def __init__(self, oid):
        self.oid = oid
        self.lines = []

    def add(self, item, n):
        self.lines.append((item, n))

    @property
    def size(self):
        return sum(n for _, n in self.lines)

    def __eq__(self, other):
        return isinstance(other, Order) and self.oid == other.oid


class Shop:
    def __init__(self, items):
        self.items = {it.name: it for it in items}
        self.revenue = 0.0
        self.failed = 0

    def fulfil(self, order):
        for item, n in order.lines:
            try:
                self.revenue += item.take(n)
            except ValueError:
                self.failed += 1


items = [Item(f"i{k}", 1.0 + k, 10**9) if k % 3 else DiscountedItem(f"i{k}", 2.0 + k, 10**9, 0.1) for k in range(30)]
items.append(Item("rare", 99.0, 5))
shop = Shop(items)
orders = []
for oid in range(25_000):
    o = Order(oid)
    o.add(items[oid % 31], 1 + oid % 4)
    o.add(items[(oid * 7) % 31], 2)
    orders.append(o)
for o in orders:
    shop.fulfil(o)
print(round(shop.revenue, 2), shop.failed, sum(o.size for o in orders))
print(items[0], items[30], orders[5] == Order(5), orders[5] == orders[6])
