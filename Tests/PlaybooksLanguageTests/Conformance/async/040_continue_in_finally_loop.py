import asyncio

async def maybe(i):
    await asyncio.sleep(0)
    if i % 3 == 0:
        raise ValueError(i)
    return i

async def main():
    kept = []
    for i in range(7):
        try:
            v = await maybe(i)
            if v == 5:
                break
            kept.append(v)
        except ValueError as e:
            print("skip", e)
            continue
        finally:
            await asyncio.sleep(0)
            print("finally", i)
    print(kept)

asyncio.run(main())
