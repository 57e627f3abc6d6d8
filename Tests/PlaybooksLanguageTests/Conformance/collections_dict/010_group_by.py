people = [("ann", "eng"), ("bob", "ops"), ("cy", "eng"), ("di", "hr"), ("ed", "ops")]
groups = {}
for name, dept in people:
    groups.setdefault(dept, []).append(name)
print(groups)
for dept in sorted(groups):
    print(f"{dept}: {', '.join(groups[dept])} ({len(groups[dept])})")
sizes = {d: len(ns) for d, ns in groups.items()}
print(max(sizes, key=sizes.get), sizes)
