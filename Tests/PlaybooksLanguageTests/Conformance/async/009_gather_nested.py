import asyncio

async def leaf(x):
    await asyncio.sleep(0)
    return x + 1

async def branch(xs):
    vals = await asyncio.gather(*(leaf(x) for x in xs))
    await asyncio.sleep(0)
    return sum(vals)

async def main():
    totals = await asyncio.gather(branch([1, 2]), branch([10, 20, 30]), branch([]))
    print("totals", totals)
    print("grand", sum(totals))

asyncio.run(main())
