s = "abcdefghij"
print(s[1:4], s[-4:], s[:-4], s[::2], s[::-1], s[-2::-3])
print(s[3:1], s[3:1:-1], s[:0], s[0:1], s[-1:])
word = "racecar"
print(word == word[::-1], "hello"[::-1] == "hello")
print(s[len(s) // 2:], s[:len(s) // 2])
