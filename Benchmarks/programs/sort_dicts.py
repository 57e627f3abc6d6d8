records = [{"id": i, "score": (i * 7919) % 100_003, "name": f"user{i}"} for i in range(200_000)]
ranked = sorted(records, key=lambda r: r["score"])
print(ranked[0]["id"], ranked[-1]["id"], len(ranked))
