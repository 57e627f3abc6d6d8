text = "the quick brown fox"
print("quick" in text, "slow" in text, "" in text)
print("q" not in text, " " in text)
for w in ["the", "fox", "dog"]:
    print(w, w in text.split())
vowels = "aeiou"
print([c for c in "education" if c in vowels])
print(sum(1 for c in text if c not in vowels + " "))
