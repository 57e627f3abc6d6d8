def merge(intervals):
    out = []
    for start, end in sorted(intervals):
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return out

print(merge([[1, 3], [2, 6], [8, 10], [15, 18]]))
print(merge([[1, 4], [4, 5]]))
print(merge([[5, 7], [1, 2], [2, 3], [6, 9]]))
print(merge([]))
meetings = [[9, 10], [9.5, 11], [13, 14], [13.5, 13.75]]
print(sum(e - s for s, e in merge(meetings)))
