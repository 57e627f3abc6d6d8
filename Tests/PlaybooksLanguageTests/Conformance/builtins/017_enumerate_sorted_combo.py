scores = {"ann": 88, "bob": 92, "cy": 75, "di": 92}
ranking = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
for place, (name, score) in enumerate(ranking, start=1):
    print(f"#{place} {name:<4} {score}")
print(list(reversed([n for n, _ in ranking])))
print(max(scores.values()), [n for n, s in scores.items() if s == max(scores.values())])
