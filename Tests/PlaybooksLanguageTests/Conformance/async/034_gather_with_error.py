import asyncio

async def good(n):
    await asyncio.sleep(0)
    return n

async def bad(n):
    await asyncio.sleep(0)
    raise ValueError(f"bad {n}")

async def main():
    try:
        await asyncio.gather(good(1), bad(2), good(3))
    except ValueError as e:
        print("gather raised:", e)
    ok = await asyncio.gather(good(1), good(2))
    print("ok:", ok)

asyncio.run(main())
