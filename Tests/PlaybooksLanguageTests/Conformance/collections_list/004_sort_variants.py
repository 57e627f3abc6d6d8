nums = [5, -2, 9, 0, -7, 3]
nums.sort()
print(nums)
nums.sort(reverse=True)
print(nums)
nums.sort(key=abs)
print(nums)
words = ["Banana", "apple", "cherry", "Apple", "date"]
words.sort(key=str.lower)
print(words)
words.sort(key=lambda w: (len(w), w))
print(words)
print(sorted(words, key=len, reverse=True))
pairs = [(2, "b"), (1, "z"), (2, "a"), (1, "a")]
print(sorted(pairs), sorted(pairs, key=lambda p: p[1]))
