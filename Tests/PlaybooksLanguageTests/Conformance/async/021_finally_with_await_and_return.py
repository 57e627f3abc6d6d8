import asyncio

async def resource(name, log):
    log.append("open " + name)
    try:
        await asyncio.sleep(0)
        return len(name)
    finally:
        await asyncio.sleep(0)
        log.append("close " + name)

async def main():
    log = []
    total = 0
    for n in ["db", "cache", "queue"]:
        total += await resource(n, log)
        log.append(f"total={total}")
    print(total)
    print("\n".join(log))

asyncio.run(main())
