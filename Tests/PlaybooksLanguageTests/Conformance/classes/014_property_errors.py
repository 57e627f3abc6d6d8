class Account:
    def __init__(self, balance):
        self._balance = balance

    @property
    def balance(self):
        if self._balance < 0:
            raise ValueError(f"overdrawn by {-self._balance}")
        return self._balance


ok = Account(10)
print(ok.balance)
bad = Account(-5)
try:
    print(bad.balance)
except ValueError as e:
    print("ValueError:", e)
print(getattr(ok, "balance"), hasattr(ok, "missing"))
