import asyncio

async def a(data):
    data.append("a-start")
    r = await b(data)
    data.append("a-end")
    return r + 1

async def b(data):
    data.append("b-start")
    await asyncio.sleep(0)
    r = await c(data)
    data.append("b-end")
    return r * 2

async def c(data):
    data.append("c")
    await asyncio.sleep(0)
    return len(data)

async def main():
    data = []
    print(await a(data))
    print(data)

asyncio.run(main())
