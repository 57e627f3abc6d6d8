import asyncio

async def add_event(log, kind, payload):
    await asyncio.sleep(0)
    log.append({"kind": kind, "payload": payload})
    return len(log)

async def main():
    log = []
    same_log = log
    n = await add_event(log, "start", None)
    print(n, same_log)
    for i in range(3):
        n = await add_event(same_log, "tick", i)
    print(n, [e["kind"] for e in log])
    log[0]["payload"] = "patched"
    await asyncio.sleep(0)
    print(same_log[0], len(log))

asyncio.run(main())
