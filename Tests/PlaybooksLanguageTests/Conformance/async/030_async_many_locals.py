import asyncio

async def step(x):
    await asyncio.sleep(0)
    return x + 1

async def main():
    a = 1
    b = "two"
    c = [3]
    d = {"four": 4}
    e = (5, 6)
    a = await step(a)
    c.append(await step(c[-1]))
    d["five"] = await step(d["four"])
    b = b * await step(1)
    e = e + (await step(e[-1]),)
    print(a, b, c, d, e)

asyncio.run(main())
