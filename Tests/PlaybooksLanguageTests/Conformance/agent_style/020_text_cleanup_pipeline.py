raw_notes = ["  Buy MILK ", "call bob!!", "", "  ", "Email:  ann@x.com", "buy milk", "Call Bob"]
def normalize(s):
    s = " ".join(s.split())
    s = s.rstrip("!").lower()
    return s
cleaned = []
for note in raw_notes:
    n = normalize(note)
    if not n:
        print("drop empty", repr(note))
        continue
    if n in cleaned:
        print("drop dup", repr(note))
        continue
    cleaned.append(n)
print(cleaned)
print([c.capitalize() for c in cleaned])
