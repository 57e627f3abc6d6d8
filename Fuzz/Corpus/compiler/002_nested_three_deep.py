import asyncio

async def level3(n):
    print("  level3 start", n)
    await asyncio.sleep(0)
    print("  level3 end", n)
    return n * 3

async def level2(n):
    print(" level2 start", n)
    v = await level3(n + 1)
    await asyncio.sleep(0)
    print(" level2 got", v)
    return v + 2

async def level1(n):
    print("level1 start", n)
    v = await level2(n * 10)
    print("level1 got", v)
    return [n, v]

print(asyncio.run(level1(4)))
