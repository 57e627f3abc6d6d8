def nothing():
    pass

def early(x):
    if x > 0:
        return "positive"
    print("falls through for", x)

def multi():
    return 1, [2], {"three": 3}

print(nothing(), early(5), early(-1))
a, b, c = multi()
print(a, b, c)
print(multi())
def bare():
    return
print(bare())
