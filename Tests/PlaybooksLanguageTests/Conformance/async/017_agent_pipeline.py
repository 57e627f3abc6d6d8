import asyncio

async def fetch_user(uid):
    await asyncio.sleep(0)
    return {"id": uid, "name": f"user{uid}", "orders": list(range(uid))}

async def fetch_order(oid):
    await asyncio.sleep(0)
    return {"oid": oid, "amount": (oid + 1) * 12.5}

async def summarize(uid):
    user = await fetch_user(uid)
    amounts = []
    for oid in user["orders"]:
        order = await fetch_order(oid)
        amounts.append(order["amount"])
    return user["name"], len(amounts), sum(amounts)

async def main():
    for uid in [0, 2, 4]:
        name, n, total = await summarize(uid)
        print(f"{name}: {n} orders, total {total:.2f}")

asyncio.run(main())
