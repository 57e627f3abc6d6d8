word = "mississippi"
counts = {}
for ch in word:
    counts[ch] = counts.get(ch, 0) + 1
print(counts)
print(list(word[:4]))
print(tuple("abc"))
print([ch.upper() for ch in "hey"])
print(''.join(reversed(word)))
first_repeat = None
seen = ""
for ch in word:
    if ch in seen:
        first_repeat = ch
        break
    seen += ch
print(first_repeat, seen)
