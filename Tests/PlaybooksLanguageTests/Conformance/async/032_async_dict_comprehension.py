import asyncio

async def lookup(key):
    await asyncio.sleep(0)
    return {"a": 1, "b": 2, "c": 3}.get(key, 0)

async def main():
    keys = ["a", "b", "z", "c"]
    found = {k: await lookup(k) for k in keys}
    print(found)
    nonzero = {k: v for k, v in found.items() if v}
    print(nonzero)
    total = sum([await lookup(k) for k in keys])
    print(total)
    print(sorted({await lookup(k) for k in keys}))

asyncio.run(main())
