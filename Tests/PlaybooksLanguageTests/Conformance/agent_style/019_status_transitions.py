history = [
    ("job1", "queued"), ("job2", "queued"), ("job1", "running"), ("job3", "queued"),
    ("job1", "done"), ("job2", "running"), ("job2", "failed"), ("job3", "running"),
]
current = {}
transitions = {}
for job, status in history:
    prev = current.get(job, "none")
    key = f"{prev}->{status}"
    transitions[key] = transitions.get(key, 0) + 1
    current[job] = status
print(current)
for k in sorted(transitions):
    print(f"{k:<18}{transitions[k]}")
active = [j for j, s in current.items() if s not in ("done", "failed")]
print("active:", active)
