import asyncio

async def op(x):
    await asyncio.sleep(0)
    return 10 // x

async def main():
    results = []
    for x in [2, 0, 5]:
        try:
            try:
                r = await op(x)
            except ZeroDivisionError:
                await asyncio.sleep(0)
                r = "inf"
                raise ValueError("bad divisor")
            finally:
                results.append(("finally", x))
            results.append(("ok", r))
        except ValueError as e:
            results.append(("outer", str(e)))
    for item in results:
        print(item)

asyncio.run(main())
