import asyncio

async def step(n):
    await asyncio.sleep(0)
    if n == 3:
        raise ValueError(f"step {n} exploded")
    return n

async def main():
    for i in range(5):
        print("step", await step(i))

asyncio.run(main())
