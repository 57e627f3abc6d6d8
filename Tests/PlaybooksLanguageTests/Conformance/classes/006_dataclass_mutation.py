from dataclasses import dataclass, field

@dataclass
class Order:
    oid: int
    lines: list = field(default_factory=list)
    status: str = "new"

    def add(self, sku, qty):
        self.lines.append((sku, qty))

o1 = Order(1)
o2 = Order(2)
o1.add("A", 2)
o1.add("B", 1)
o2.status = "paid"
print(o1)
print(o2)
print(sum(q for _, q in o1.lines))
