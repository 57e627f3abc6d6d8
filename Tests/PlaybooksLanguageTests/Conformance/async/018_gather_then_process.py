import asyncio

async def score(word):
    await asyncio.sleep(0)
    return sum(ord(c) - 96 for c in word)

async def main():
    words = ["apple", "kiwi", "banana", "fig"]
    scores = await asyncio.gather(*[score(w) for w in words])
    ranked = sorted(zip(words, scores), key=lambda p: -p[1])
    for w, s in ranked:
        print(f"{w:<7}{s:>4}")
    print(dict(zip(words, scores)))

asyncio.run(main())
