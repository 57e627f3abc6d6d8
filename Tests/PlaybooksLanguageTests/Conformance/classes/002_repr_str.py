class Money:
    def __init__(self, amount, currency="USD"):
        self.amount = amount
        self.currency = currency

    def __repr__(self):
        return f"Money({self.amount!r}, {self.currency!r})"

    def __str__(self):
        return f"{self.amount:,.2f} {self.currency}"

m = Money(1234.5)
print(m)
print(repr(m))
print([m, Money(3, "EUR")])
print(f"{m} / {m!r}")
print(str(m) == "1,234.50 USD")
