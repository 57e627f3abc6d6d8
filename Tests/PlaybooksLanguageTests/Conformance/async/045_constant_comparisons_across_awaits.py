# Conditions comparing with small int constants (one fused instruction each), evaluated on
# both sides of awaits: the loop state and jump targets must survive every checkpoint.
import asyncio


async def tick(x):
    await asyncio.sleep(0)
    return x


async def classify(values):
    out = []
    for v in values:
        v = await tick(v)
        if v < -32768:
            out.append("below int16")
        elif v <= -1:
            out.append("negative")
        elif v == 0:
            out.append("zero")
        elif v != 7 and v < 32767:
            out.append("small")
        elif v >= 32767:
            out.append("large")
        else:
            out.append("seven")
    return out


async def countdown(n):
    steps = 0
    while n > 0:
        n = await tick(n - 3)
        steps += 1
    return steps, n


async def main():
    print(await classify([-40000, -32768, -5, 0, 3, 7, 32766, 32767, 10**20, True, False, 2.5, -0.5]))
    print(await countdown(20))
    if await tick(1.0) == 1:
        print("float equals int constant")
    if not await tick("a") == 1:
        print("str is not 1")
    try:
        if await tick("a") < 2:
            print("unreachable")
    except TypeError as e:
        print("TypeError:", e)


asyncio.run(main())
