import asyncio

processed = 0
events = []

async def handle(ev):
    global processed
    await asyncio.sleep(0)
    processed += 1
    events.append(ev.upper())
    return processed

async def main():
    for ev in ["login", "click", "logout"]:
        n = await handle(ev)
        print(n, events)
    print("processed", processed)

asyncio.run(main())
print(processed, events)
