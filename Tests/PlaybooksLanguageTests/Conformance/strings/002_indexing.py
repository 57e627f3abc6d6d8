s = "Playbooks"
print(s[0], s[-1], s[4], s[-3])
print(s[1:4], s[:3], s[5:], s[-5:-1])
print(s[::2], s[::-1], s[1::3])
print(len(s), s[len(s) - 1])
for i, ch in enumerate(s[:4]):
    print(i, ch, ord(ch))
print(s[100:], repr(s[5:2]))
