# An agent-style async loop: 2,000 awaits of small coroutines ("tool calls") that read and
# update shared state. Run with --checkpoint-every-await, every await encodes the whole VM,
# throws it away and continues from the decoded copy.
# bench: awaits=2000  (1,000 iterations, each awaiting step() which awaits tool())
import asyncio


async def tool(name, arg):
    return (len(name) * 31 + arg) % 97


async def step(state, i):
    result = await tool("lookup" if i % 2 else "search", i)
    state["total"] += result
    state["history"].append(result)
    if len(state["history"]) > 20:
        state["history"].pop(0)
    state["seen"][result % 10] = state["seen"].get(result % 10, 0) + 1
    return result


async def main():
    state = {"total": 0, "history": [], "seen": {}}
    last = 0
    for i in range(1000):
        last = await step(state, i)
    print(state["total"], last, state["history"][-3:], sorted(state["seen"].items())[:3])


asyncio.run(main())
