requests = [("ann", 1), ("ann", 2), ("bob", 2), ("ann", 3), ("ann", 4), ("ann", 11), ("bob", 12), ("ann", 12), ("ann", 13)]
WINDOW, LIMIT = 10, 3
history = {}
for user, t in requests:
    recent = [x for x in history.get(user, []) if t - x < WINDOW]
    if len(recent) >= LIMIT:
        print(f"t={t:>2} {user}: REJECT (recent={recent})")
        history[user] = recent
        continue
    recent.append(t)
    history[user] = recent
    print(f"t={t:>2} {user}: ok ({len(recent)}/{LIMIT})")
print(history)
