from datetime import datetime
sessions = [
    ("ann", "2024-06-01T09:00:00", "2024-06-01T11:30:00"),
    ("bob", "2024-06-01T13:15:00", "2024-06-01T13:45:30"),
    ("ann", "2024-06-02T22:00:00", "2024-06-03T01:20:00"),
]
totals = {}
for user, s, e in sessions:
    dur = datetime.fromisoformat(e) - datetime.fromisoformat(s)
    totals[user] = totals.get(user, 0) + dur.total_seconds()
    print(user, dur, int(dur.total_seconds() // 60), "min")
for user, secs in totals.items():
    print(f"{user}: {secs / 3600:.2f}h")
