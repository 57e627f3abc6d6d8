import asyncio

async def apply(fn, values):
    out = []
    for v in values:
        await asyncio.sleep(0)
        out.append(fn(v))
    return out

async def main():
    factor = 3
    scale = lambda v: v * factor
    print(await apply(scale, [1, 2]))
    factor = 10
    print(await apply(scale, [1, 2]))
    fns = [lambda v, k=k: v + k for k in range(3)]
    print([await apply(f, [100]) for f in fns])

asyncio.run(main())
