print("apple" < "banana", "apple" < "Apple", "a" < "aa")
print("abc" == "abc", "abc" != "abd", "Z" < "a")
print(sorted(["pear", "Apple", "fig", "apple", "Fig"]))
print(max("hello"), min("hello"))
print("10" < "9", 10 < 9)
print("" < "a", "abc" <= "abc", "b" > "abc")
words = ["delta", "alpha", "charlie", "bravo"]
print(sorted(words, key=len), sorted(words, reverse=True))
