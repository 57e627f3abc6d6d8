import asyncio

async def double(x):
    await asyncio.sleep(0)
    return x * 2

async def keep(x):
    await asyncio.sleep(0)
    return x % 3 != 0

async def main():
    xs = list(range(7))
    doubled = [await double(x) for x in xs]
    print(doubled)
    kept = [x for x in xs if await keep(x)]
    print(kept)
    mapping = {x: await double(x) for x in kept}
    print(mapping)

asyncio.run(main())
