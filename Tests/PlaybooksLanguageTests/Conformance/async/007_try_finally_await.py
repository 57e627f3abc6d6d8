import asyncio

log = []

async def cleanup(tag):
    await asyncio.sleep(0)
    log.append("cleanup " + tag)

async def work(tag, fail):
    try:
        log.append("start " + tag)
        await asyncio.sleep(0)
        if fail:
            raise RuntimeError("failed " + tag)
        log.append("done " + tag)
        return tag.upper()
    finally:
        await cleanup(tag)

async def main():
    print(await work("a", False))
    try:
        await work("b", True)
    except RuntimeError as e:
        print("caught", e)
    for line in log:
        print(line)

asyncio.run(main())
