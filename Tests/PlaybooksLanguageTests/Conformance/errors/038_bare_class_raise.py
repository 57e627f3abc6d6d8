def lookup(table, key):
    if key not in table:
        raise LookupError
    return table[key]

print(lookup({"a": 1}, "a"))
print(lookup({"a": 1}, "b"))
