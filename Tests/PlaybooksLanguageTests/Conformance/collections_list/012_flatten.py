nested = [1, [2, [3, [4, [5]]]], 6, [[7], 8]]

def flatten(items):
    out = []
    for it in items:
        if isinstance(it, list):
            out.extend(flatten(it))
        else:
            out.append(it)
    return out

print(flatten(nested))
print(flatten([]), flatten([[[]]]))
print(sum(flatten(nested)))
print([x for sub in [[1, 2], [3], []] for x in sub])
