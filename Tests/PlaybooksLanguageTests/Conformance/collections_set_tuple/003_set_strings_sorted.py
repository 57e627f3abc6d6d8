tags_a = {"python", "swift", "rust"}
tags_b = {"swift", "go", "python"}
print(sorted(tags_a & tags_b))
print(sorted(tags_a | tags_b))
print(sorted(tags_a - tags_b), sorted(tags_b ^ tags_a))
print(len(tags_a | tags_b), "go" in tags_b)
words = "the cat and the hat and the bat".split()
print(sorted(set(words)), len(set(words)))
print(sorted(set("mississippi")))
