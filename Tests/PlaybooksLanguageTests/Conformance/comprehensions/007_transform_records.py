rows = [
    {"id": 1, "name": "ann", "tags": ["a", "b"]},
    {"id": 2, "name": "bob", "tags": []},
    {"id": 3, "name": "cy", "tags": ["b"]},
]
print([r["name"] for r in rows if r["tags"]])
print({r["id"]: r["name"].upper() for r in rows})
print(sorted({t for r in rows for t in r["tags"]}))
print([(r["id"], t) for r in rows for t in r["tags"]])
by_tag = {t: [r["id"] for r in rows if t in r["tags"]] for t in ["a", "b", "z"]}
print(by_tag)
