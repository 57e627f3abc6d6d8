import asyncio

async def pause():
    await asyncio.sleep(0)

async def main():
    shared = [1, 2]
    holder = {"items": shared, "copy": list(shared)}
    await pause()
    shared.append(3)
    print(holder)
    await pause()
    holder["items"].append(4)
    print(shared, holder["copy"])
    alias = holder["items"]
    await pause()
    alias.clear()
    print(shared, holder, alias is shared)

asyncio.run(main())
