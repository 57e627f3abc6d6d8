def min_max_avg(xs):
    return min(xs), max(xs), sum(xs) / len(xs)

lo, hi, avg = min_max_avg([3, 1, 4, 1, 5])
print(lo, hi, avg)
*_, only_avg = min_max_avg([2, 4])
print(only_avg)
def split_name(full):
    first, *rest = full.split()
    return first, " ".join(rest)
print(split_name("Mary Ann Smith"), split_name("Cher"))
