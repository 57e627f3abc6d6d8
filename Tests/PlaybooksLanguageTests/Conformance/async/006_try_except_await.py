import asyncio

async def parse(s):
    await asyncio.sleep(0)
    return int(s)

async def main():
    out = []
    for s in ["10", "x", "30", ""]:
        try:
            v = await parse(s)
            out.append(v)
            print("parsed", v)
        except ValueError as e:
            print("error:", e)
            out.append(None)
    return out

print(asyncio.run(main()))
