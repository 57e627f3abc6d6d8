import asyncio

async def many():
    await asyncio.sleep(0)
    return 1, [2, 3], {"k": None}

async def nothing():
    await asyncio.sleep(0)

async def main():
    a, b, c = await many()
    print(a, b, c)
    print(await nothing())
    r = await many()
    print(type(r).__name__, len(r))
    return "main done"

print(asyncio.run(main()))
