import asyncio

async def val(x):
    await asyncio.sleep(0)
    return x

async def main():
    a = await val(3) + await val(4) * 2
    print(a)
    b = (await val("yes")) if await val(True) else "no"
    print(b)
    c = await val(0) or await val("fallback")
    print(c)
    d = [await val(i) for i in range(3)] + [await val(99)]
    print(d)
    print(f"{await val('in fstring')}!")

asyncio.run(main())
