import asyncio

async def handle(state, event):
    await asyncio.sleep(0)
    table = {("new", "pay"): "paid", ("paid", "ship"): "shipped", ("shipped", "deliver"): "done", ("new", "cancel"): "cancelled"}
    return table.get((state, event), state)

async def main():
    orders = {"o1": ["pay", "ship", "deliver"], "o2": ["cancel", "pay"], "o3": ["ship", "pay"]}
    final = {}
    for oid, events in orders.items():
        state = "new"
        for ev in events:
            nxt = await handle(state, ev)
            print(f"{oid}: {state} + {ev} -> {nxt}")
            state = nxt
        final[oid] = state
    print(final)

asyncio.run(main())
