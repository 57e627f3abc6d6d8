# An agent-style script: it awaits "tools" (here plain coroutines) inside loops and try
# blocks, keeps aliased state, and prints a report. Run it with --checkpoint-every-await to
# see that throwing the whole VM away at every await and restoring it from bytes changes nothing.
import asyncio
import json

orders = [
    {"id": "A-1", "customer": "ada", "items": [("widget", 3, 2.50), ("gadget", 1, 10.00)]},
    {"id": "A-2", "customer": "bob", "items": [("widget", 10, 2.50)]},
    {"id": "A-3", "customer": "ada", "items": []},
]


async def lookup_discount(customer):
    await asyncio.sleep(0)
    return {"ada": 0.1}.get(customer, 0.0)


async def price(order):
    subtotal = sum(qty * unit for _, qty, unit in order["items"])
    if subtotal == 0:
        raise ValueError(f"order {order['id']} is empty")
    discount = await lookup_discount(order["customer"])
    return round(subtotal * (1 - discount), 2)


async def main():
    report = {"priced": [], "rejected": []}
    seen = report["priced"]          # an alias that must survive every checkpoint
    for order in orders:
        try:
            total = await price(order)
            seen.append((order["id"], total))
        except ValueError as e:
            report["rejected"].append(str(e))
        finally:
            await asyncio.sleep(0)
    for oid, total in report["priced"]:
        print(f"{oid:<6}{total:>10,.2f}")
    print(json.dumps(report, indent=2))


asyncio.run(main())
