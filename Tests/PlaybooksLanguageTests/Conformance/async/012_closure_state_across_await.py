import asyncio

def make_counter():
    count = 0
    async def bump(by):
        nonlocal count
        await asyncio.sleep(0)
        count += by
        await asyncio.sleep(0)
        return count
    return bump

async def main():
    bump = make_counter()
    other = make_counter()
    print(await bump(1), await bump(5), await other(100), await bump(1))

asyncio.run(main())
