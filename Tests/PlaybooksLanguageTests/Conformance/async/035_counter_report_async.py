import asyncio

async def classify(ticket):
    await asyncio.sleep(0)
    text = ticket["text"].lower()
    if "refund" in text:
        return "billing"
    if "crash" in text or "error" in text:
        return "bug"
    return "general"

async def main():
    tickets = [
        {"id": 1, "text": "App crash on login"},
        {"id": 2, "text": "Refund please"},
        {"id": 3, "text": "How do I export?"},
        {"id": 4, "text": "Error 500 on save"},
    ]
    buckets = {}
    for t in tickets:
        cat = await classify(t)
        buckets.setdefault(cat, []).append(t["id"])
        print(t["id"], cat)
    for cat in sorted(buckets):
        print(f"{cat}: {buckets[cat]}")

asyncio.run(main())
