import asyncio

async def fetch(url, retries=2, *, timeout=1.5, headers=None):
    await asyncio.sleep(0)
    headers = headers or {}
    return f"{url} r={retries} t={timeout} h={sorted(headers)}"

async def main():
    print(await fetch("a"))
    print(await fetch("b", 5))
    print(await fetch("c", timeout=9, headers={"X": 1, "A": 2}))
    args = ("d", 0)
    kw = {"timeout": 0.5}
    print(await fetch(*args, **kw))

asyncio.run(main())
