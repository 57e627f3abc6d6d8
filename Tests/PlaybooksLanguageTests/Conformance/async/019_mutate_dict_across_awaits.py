import asyncio

async def tick():
    await asyncio.sleep(0)

async def main():
    inventory = {"apples": 5, "pears": 2}
    view = inventory
    snapshot = dict(inventory)
    for item in list(inventory):
        await tick()
        inventory[item] -= 1
        print(item, view[item], snapshot[item])
    await tick()
    inventory["kiwis"] = 9
    print(view, snapshot)
    del view["pears"]
    print(inventory)

asyncio.run(main())
