data = ["10", "x", "7", "", "42", "-3"]
parsed = [n for s in data if s.lstrip("-").isdigit() and (n := int(s)) > 0]
print(parsed)
costs = [3, 5, 2, 8]
running = 0
print([running := running + c for c in costs], running)
print([(w, l) for w in ["hi", "hello", "hey"] if (l := len(w)) > 2])
