import asyncio

class Fetcher:
    def __init__(self, base):
        self.base = base
        self.calls = 0

    async def get(self, path):
        await asyncio.sleep(0)
        self.calls += 1
        return f"{self.base}/{path}"

async def main():
    f = Fetcher("https://api")
    for p in ["users", "orders"]:
        print(await f.get(p))
    print("calls:", f.calls)

asyncio.run(main())
