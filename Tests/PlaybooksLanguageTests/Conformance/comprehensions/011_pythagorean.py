n = 30
triples = [(a, b, c) for a in range(1, n) for b in range(a, n) for c in range(b, n) if a * a + b * b == c * c]
print(triples)
print(len(triples))
print([t for t in triples if sum(t) % 12 == 0])
print(max(triples, key=sum))
