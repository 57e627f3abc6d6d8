import asyncio

async def slow_then_value(n, pauses):
    for _ in range(pauses):
        await asyncio.sleep(0)
    return n

async def main():
    res = await asyncio.gather(slow_then_value("a", 3), slow_then_value("b", 0), slow_then_value("c", 1))
    print(res)
    nums = await asyncio.gather(*[slow_then_value(i, 5 - i) for i in range(5)])
    print(nums)

asyncio.run(main())
