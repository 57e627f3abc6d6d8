import asyncio

async def load():
    await asyncio.sleep(0)
    return [
        {"name": "ann", "dept": "eng", "salary": 120},
        {"name": "bob", "dept": "ops", "salary": 90},
        {"name": "cy", "dept": "eng", "salary": 105},
        {"name": "di", "dept": "ops", "salary": 95},
    ]

async def enrich(row):
    await asyncio.sleep(0)
    return dict(row, band="high" if row["salary"] >= 100 else "std")

async def main():
    rows = await load()
    enriched = [await enrich(r) for r in rows]
    enriched.sort(key=lambda r: (r["dept"], -r["salary"]))
    for r in enriched:
        print(f"{r['dept']:<4}{r['name']:<5}{r['salary']:>5} {r['band']}")
    by_dept = {}
    for r in enriched:
        by_dept[r["dept"]] = by_dept.get(r["dept"], 0) + r["salary"]
    print(by_dept)

asyncio.run(main())
