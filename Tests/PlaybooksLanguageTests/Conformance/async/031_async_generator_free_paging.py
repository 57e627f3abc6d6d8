import asyncio

PAGES = {1: ["a", "b"], 2: ["c", "d"], 3: ["e"]}

async def get_page(n):
    await asyncio.sleep(0)
    items = PAGES.get(n, [])
    return items, (n + 1 if n + 1 in PAGES else None)

async def collect():
    page = 1
    out = []
    while page is not None:
        items, page = await get_page(page)
        out.extend(items)
        print("fetched", items, "next", page)
    return out

print(asyncio.run(collect()))
