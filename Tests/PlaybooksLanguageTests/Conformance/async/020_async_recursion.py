import asyncio

async def fib(n):
    if n < 2:
        return n
    await asyncio.sleep(0)
    a = await fib(n - 1)
    b = await fib(n - 2)
    return a + b

async def tree_sum(node):
    await asyncio.sleep(0)
    return node["v"] + sum([await tree_sum(c) for c in node.get("kids", [])])

async def main():
    print([await fib(i) for i in range(12)])
    tree = {"v": 1, "kids": [{"v": 2}, {"v": 3, "kids": [{"v": 4}]}]}
    print(await tree_sum(tree))

asyncio.run(main())
