import asyncio

async def deep(n):
    await asyncio.sleep(0)
    if n == 0:
        raise ValueError("bottom reached")
    return await deep(n - 1)

async def middle():
    try:
        return await deep(3)
    finally:
        print("middle finally")

async def main():
    try:
        await middle()
    except ValueError as e:
        print("main caught:", e)
    print("after")

asyncio.run(main())
