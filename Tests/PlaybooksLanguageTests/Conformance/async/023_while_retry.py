import asyncio

async def flaky(attempt):
    await asyncio.sleep(0)
    if attempt < 3:
        raise RuntimeError(f"attempt {attempt} failed")
    return "success"

async def with_retry(max_attempts):
    attempt = 0
    while attempt < max_attempts:
        attempt += 1
        try:
            result = await flaky(attempt)
            print("attempt", attempt, "->", result)
            return result
        except RuntimeError as e:
            print("retrying:", e)
            await asyncio.sleep(0)
    return "gave up"

async def main():
    print(await with_retry(5))
    print(await with_retry(2))

asyncio.run(main())
