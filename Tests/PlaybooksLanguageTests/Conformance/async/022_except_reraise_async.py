import asyncio

async def risky(i):
    await asyncio.sleep(0)
    if i == 2:
        raise KeyError(f"item{i}")
    return i

async def runner(items):
    done = []
    try:
        for i in items:
            done.append(await risky(i))
    except KeyError:
        print("runner saw error after", done)
        raise
    return done

async def main():
    print(await runner([0, 1]))
    try:
        await runner([0, 1, 2, 3])
    except KeyError as e:
        print("main got", repr(e))

asyncio.run(main())
