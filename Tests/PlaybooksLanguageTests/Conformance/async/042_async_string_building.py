import asyncio

async def word(i):
    await asyncio.sleep(0)
    return ["zero", "one", "two", "three", "four"][i]

async def main():
    parts = []
    sentence = ""
    for i in range(5):
        w = await word(i)
        parts.append(w)
        sentence += w[0].upper()
    print(parts, sentence)
    joined = "-".join([await word(i) for i in reversed(range(5))])
    print(joined)
    print(f"{await word(2):>8}|{await word(3):<8}|")

asyncio.run(main())
