expenses = [("ann", 60.0, ["ann", "bob", "cy"]), ("bob", 30.0, ["bob", "cy"]), ("cy", 90.0, ["ann", "cy"])]
balance = {}
for payer, amount, split in expenses:
    share = amount / len(split)
    balance[payer] = balance.get(payer, 0.0) + amount
    for person in split:
        balance[person] = balance.get(person, 0.0) - share
for person in sorted(balance):
    print(f"{person}: {balance[person]:+.2f}")
creditors = sorted([p for p in balance if balance[p] > 0], key=lambda p: -balance[p])
debtors = sorted([p for p in balance if balance[p] < 0], key=lambda p: balance[p])
print("creditors", creditors, "debtors", debtors)
print(round(sum(balance.values()), 9))
