parts = [f"item-{i}:{i * 0.5:.1f}" for i in range(300_000)]
text = ",".join(parts)
print(len(text), text[:40])
