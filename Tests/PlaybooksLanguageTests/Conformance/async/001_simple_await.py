import asyncio

async def add(a, b):
    await asyncio.sleep(0)
    return a + b

async def main():
    print("start")
    x = await add(1, 2)
    print("x =", x)
    y = await add(x, 10)
    print("y =", y)
    return x + y

result = asyncio.run(main())
print("result", result)
