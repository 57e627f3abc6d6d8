import asyncio

async def job(name, n):
    total = 0
    for i in range(n):
        await asyncio.sleep(0)
        total += i
    return f"{name}:{total}"

print(asyncio.run(job("first", 5)))
print(asyncio.run(job("second", 10)))
results = []
for k in range(3):
    results.append(asyncio.run(job(f"r{k}", k)))
print(results)
