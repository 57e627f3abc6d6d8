from collections import Counter, defaultdict
text = """error disk full
warning cpu hot
error disk full
info ok
error network down
warning cpu hot"""
lines = text.splitlines()
level_counts = Counter(line.split()[0] for line in lines)
print(level_counts.most_common())
by_level = defaultdict(set)
for line in lines:
    lvl, *rest = line.split()
    by_level[lvl].add(" ".join(rest))
for lvl in sorted(by_level):
    print(lvl, sorted(by_level[lvl]))
print(Counter(lines).most_common(1))
