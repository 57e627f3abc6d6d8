s = "key=value=more"
print(s.partition("="), s.rpartition("="))
print("novalue".partition("="), "novalue".rpartition("="))
head, sep, tail = "user@example.com".partition("@")
print(head, sep, tail)
print("a.b.c".rpartition(".")[0], "a.b.c".partition(".")[2])
