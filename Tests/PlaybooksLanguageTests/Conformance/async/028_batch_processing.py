import asyncio

async def process(item):
    await asyncio.sleep(0)
    return {"item": item, "len": len(item), "upper": item.upper()}

async def main():
    items = ["alpha", "be", "gamma", "delta", "epsilon"]
    batch_size = 2
    all_results = []
    for start in range(0, len(items), batch_size):
        batch = items[start:start + batch_size]
        results = await asyncio.gather(*(process(i) for i in batch))
        print("batch", start // batch_size, [r["upper"] for r in results])
        all_results.extend(results)
    print(sum(r["len"] for r in all_results), len(all_results))

asyncio.run(main())
