class Account:
    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
        self.history = []

    def deposit(self, amount):
        if amount <= 0:
            raise ValueError("deposit must be positive")
        self.balance += amount
        self.history.append(("deposit", amount))

    def withdraw(self, amount):
        if amount > self.balance:
            raise RuntimeError(f"insufficient funds for {self.owner}")
        self.balance -= amount
        self.history.append(("withdraw", amount))

acct = Account("ann", 50)
acct.deposit(25)
for amt in [30, 100, -5]:
    try:
        if amt < 0:
            acct.deposit(amt)
        else:
            acct.withdraw(amt)
    except (ValueError, RuntimeError) as e:
        print(type(e).__name__, e)
print(acct.balance, acct.history)
