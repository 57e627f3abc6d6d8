tickets = [
    {"id": "T1", "priority": "high", "tags": ["login", "bug"], "age_h": 5},
    {"id": "T2", "priority": "low", "tags": ["question"], "age_h": 48},
    {"id": "T3", "priority": "medium", "tags": ["bug"], "age_h": 30},
    {"id": "T4", "priority": "high", "tags": ["billing"], "age_h": 1},
    {"id": "T5", "priority": "low", "tags": ["bug", "ui"], "age_h": 72},
]
rank = {"high": 0, "medium": 1, "low": 2}
queue = sorted(tickets, key=lambda t: (rank[t["priority"]], -t["age_h"]))
for t in queue:
    stale = " STALE" if t["age_h"] > 24 else ""
    print(f"{t['id']} [{t['priority']:^6}] {','.join(t['tags']):<12} {t['age_h']:>3}h{stale}")
tag_counts = {}
for t in tickets:
    for tag in t["tags"]:
        tag_counts[tag] = tag_counts.get(tag, 0) + 1
print(sorted(tag_counts.items(), key=lambda kv: (-kv[1], kv[0])))
