import asyncio

async def check(n):
    await asyncio.sleep(0)
    return n * n

async def main():
    found = []
    for n in range(1, 20):
        sq = await check(n)
        if sq % 2 == 0:
            continue
        if sq > 100:
            print("stopping at", n)
            break
        found.append(sq)
        await asyncio.sleep(0)
    else:
        print("no break")
    print(found)

asyncio.run(main())
