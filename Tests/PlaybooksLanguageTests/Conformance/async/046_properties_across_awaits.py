# Properties and instance attributes keep CPython's precedence across awaits (a checkpointed
# run restores the VM from bytes at each await).
import asyncio


class Account:
    def __init__(self, owner):
        self.owner = owner
        self.balance = 10
        self.history = []

    @property
    def summary(self):
        return f"{self.owner}: {self.balance}"


async def step(account, amount):
    await asyncio.sleep(0)
    account.balance += amount
    account.history.append(amount)
    return account.summary


async def main():
    a = Account("ada")
    print(await step(a, 5), a.summary)
    a.label = "own attribute"
    Account.label = property(lambda self: "property wins")
    await asyncio.sleep(0)
    print(a.label, await step(a, -3))
    Account.total = property(lambda self: sum(self.history))
    await asyncio.sleep(0)
    print(a.total, a.history, a.summary)


asyncio.run(main())
