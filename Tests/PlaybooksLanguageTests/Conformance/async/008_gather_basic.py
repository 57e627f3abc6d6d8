import asyncio

async def square(n):
    await asyncio.sleep(0)
    return n * n

async def main():
    results = await asyncio.gather(square(2), square(3), square(4))
    print(results, type(results).__name__)
    more = await asyncio.gather(*[square(i) for i in range(6)])
    print(more, sum(more))
    empty = await asyncio.gather()
    print(empty)

asyncio.run(main())
