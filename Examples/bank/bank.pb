---
title: Bank
description: Two agents that talk. The teller calls the accountant's public playbook and sends it a message.
---

# Teller
Greets the customer and looks up balances with the help of the accountant.

```python
@playbook
async def Main():
    await Step("Main:01:QUE")
    await Say("user", "Welcome to the bank. Whose balance shall I look up?")
    name = await WaitForMessage("user")
    await Step("Main:02:EXE")
    balance = await Accountant.Balance(name)
    await SendMessage("Accountant", f"{name} asked for their balance")
    note = await WaitForMessage("Accountant")
    await Step("Main:03:YLD")
    await Say("user", f"{name} has {balance} dollars ({note}).")
    return balance
```

# Accountant
Keeps the ledger and notes every enquiry.

```python
ledger = {"alice": 120, "bob": 45}
enquiries = []


@playbook(public=True)
async def Balance(name):
    await Step("Balance:01:EXE")
    return ledger.get(name.strip().lower(), 0)


@playbook(triggers=["At the beginning"])
async def Listen():
    while True:
        message = await WaitForMessage("Teller")
        enquiries.append(message)
        await SendMessage("Teller", f"enquiry {len(enquiries)} noted")
```
