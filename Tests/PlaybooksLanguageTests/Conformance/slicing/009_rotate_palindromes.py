def rotate(seq, k):
    if not seq:
        return seq
    k %= len(seq)
    return seq[k:] + seq[:k]

print(rotate([1, 2, 3, 4, 5], 2), rotate([1, 2, 3, 4, 5], -1), rotate("abcdef", 10), rotate([], 3))
words = ["level", "hello", "noon", "abcba", "ab"]
print([w for w in words if w == w[::-1]])
print(["".join(sorted(w)) for w in words])
