import asyncio

cache = {}

async def compute(n):
    if n in cache:
        return cache[n]
    await asyncio.sleep(0)
    if n < 2:
        result = n
    else:
        result = await compute(n - 1) + await compute(n - 2)
    cache[n] = result
    return result

async def main():
    print(await compute(60))
    print(len(cache))
    print(await compute(10), len(cache))

asyncio.run(main())
