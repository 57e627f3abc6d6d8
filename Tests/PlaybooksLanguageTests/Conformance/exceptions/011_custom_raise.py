def withdraw(balance, amount):
    if amount <= 0:
        raise ValueError(f"amount must be positive, got {amount}")
    if amount > balance:
        raise RuntimeError(f"insufficient funds: {balance} < {amount}")
    return balance - amount

for amt in [30, -5, 500]:
    try:
        print("ok", withdraw(100, amt))
    except (ValueError, RuntimeError) as e:
        print(type(e).__name__, e.args[0])
