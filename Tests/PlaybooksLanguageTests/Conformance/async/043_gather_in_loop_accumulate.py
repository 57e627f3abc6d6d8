import asyncio

async def cube(n):
    await asyncio.sleep(0)
    return n ** 3

async def main():
    totals = []
    running = 0
    for chunk in [[1, 2], [3], [4, 5, 6]]:
        vals = await asyncio.gather(*[cube(n) for n in chunk])
        running += sum(vals)
        totals.append(running)
        print(chunk, vals, running)
        await asyncio.sleep(0)
    print(totals)

asyncio.run(main())
