counter = 0
items = []

def bump(by=1):
    global counter
    counter += by
    items.append(counter)
    return counter

bump(); bump(5); bump()
print(counter, items)

def reset():
    global counter, items
    counter = 0
    items = ["reset"]

reset()
print(counter, items)
