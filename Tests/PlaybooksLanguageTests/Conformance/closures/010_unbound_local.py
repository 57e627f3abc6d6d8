x = 10
def read_only():
    return x + 1
def assign_later():
    try:
        y = x + 1
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)
        return None
    x = 5
    return y
print(read_only())
print(assign_later())
