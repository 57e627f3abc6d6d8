pages = [
    {"page": 1, "items": [{"id": 1, "score": 0.5}, {"id": 2, "score": 0.9}], "next": 2},
    {"page": 2, "items": [{"id": 3, "score": 0.7}, {"id": 2, "score": 0.95}], "next": 3},
    {"page": 3, "items": [], "next": None},
]
best = {}
page_no = 1
by_no = {p["page"]: p for p in pages}
while page_no is not None:
    page = by_no[page_no]
    for item in page["items"]:
        if item["id"] not in best or item["score"] > best[item["id"]]:
            best[item["id"]] = item["score"]
    print(f"page {page_no}: {len(page['items'])} items, known={sorted(best)}")
    page_no = page["next"]
print(best)
print(max(best, key=best.get), round(sum(best.values()) / len(best), 3))
