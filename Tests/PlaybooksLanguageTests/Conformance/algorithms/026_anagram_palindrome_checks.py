def is_anagram(a, b):
    norm = lambda s: sorted(c for c in s.lower() if c.isalnum())
    return norm(a) == norm(b)

def can_be_palindrome(s):
    counts = {}
    for c in s:
        counts[c] = counts.get(c, 0) + 1
    return sum(v % 2 for v in counts.values()) <= 1

print(is_anagram("Dormitory", "dirty room"), is_anagram("abc", "abd"))
print([w for w in ["aab", "carerac", "code", "", "ab"] if can_be_palindrome(w)])
def longest_pal(s):
    best = ""
    for center in range(len(s)):
        for lo, hi in ((center, center), (center, center + 1)):
            while lo >= 0 and hi < len(s) and s[lo] == s[hi]:
                lo, hi = lo - 1, hi + 1
            if hi - lo - 1 > len(best):
                best = s[lo + 1:hi]
    return best
print(longest_pal("babad"), longest_pal("forgeeksskeegfor"), longest_pal("x"))
