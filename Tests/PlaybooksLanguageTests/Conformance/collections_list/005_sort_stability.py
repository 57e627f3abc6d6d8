records = [("ann", 3), ("bob", 1), ("cid", 3), ("dee", 2), ("eve", 1)]
by_score = sorted(records, key=lambda r: r[1])
print(by_score)
by_score_desc = sorted(records, key=lambda r: r[1], reverse=True)
print(by_score_desc)
r2 = list(records)
r2.sort(key=lambda r: -r[1])
print(r2)
print(records[0], r2 is records)
