prices = {"apple": 1.25, "pear": 0.8}
for item in ["apple", "pear"]:
    print(item, prices[item])
print("looking up kiwi...")
print(prices["kiwi"])
print("unreachable")
