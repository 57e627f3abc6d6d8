import asyncio

async def fetch(i):
    await asyncio.sleep(0)
    return {"id": i, "value": i * i}

async def main():
    results = []
    total = 0
    for i in range(5):
        item = await fetch(i)
        total += item["value"]
        results.append(item)
        print("step", i, "total", total)
    return results, total

res, tot = asyncio.run(main())
print(len(res), res[-1], tot)
