total = 100

def spend(amount):
    print("spending", amount)
    total -= amount
    return total

spend(5)
