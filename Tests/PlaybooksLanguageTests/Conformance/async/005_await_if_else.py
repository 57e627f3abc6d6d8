import asyncio

async def is_even(n):
    await asyncio.sleep(0)
    return n % 2 == 0

async def describe(n):
    if await is_even(n):
        await asyncio.sleep(0)
        kind = "even"
    elif n % 3 == 0:
        kind = "odd multiple of 3"
    else:
        kind = "odd"
        await asyncio.sleep(0)
    return f"{n} is {kind}"

async def main():
    for n in [4, 9, 7]:
        print(await describe(n))

asyncio.run(main())
