import asyncio

async def next_value(state):
    await asyncio.sleep(0)
    state["n"] = state["n"] * 2 + 1
    return state["n"]

async def main():
    state = {"n": 0}
    seen = []
    while (v := await next_value(state)) < 100:
        seen.append(v)
        print("got", v)
    else:
        print("loop finished at", v)
    return seen

print(asyncio.run(main()))
