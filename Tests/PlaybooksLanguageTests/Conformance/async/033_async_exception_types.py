import asyncio

async def fail(kind):
    await asyncio.sleep(0)
    if kind == "key":
        return {}["missing"]
    if kind == "index":
        return [][0]
    if kind == "type":
        return "a" + 1
    if kind == "zero":
        return 1 / 0
    return "ok"

async def main():
    for kind in ["key", "index", "type", "zero", "none"]:
        try:
            print(await fail(kind))
        except (KeyError, IndexError) as e:
            print("lookup:", type(e).__name__, e)
        except Exception as e:
            print("other:", type(e).__name__, e)

asyncio.run(main())
