text = """the cat sat on the mat
the dog sat on the log"""
freq = {}
for word in text.split():
    freq[word] = freq.get(word, 0) + 1
for word in sorted(freq, key=lambda w: (-freq[w], w)):
    print(f"{word:<4}{freq[word]:>3}")
print(len(text.split()), len(freq))
print(text.count("the"), text.count("at"))
