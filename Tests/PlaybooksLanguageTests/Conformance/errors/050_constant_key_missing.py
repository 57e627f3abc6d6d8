# An uncaught KeyError from a constant string subscript inside a function.
def total(order):
    return order["qty"] * order["unit_price"]

print(total({"qty": 2, "unit_price": 3}))
print(total({"qty": 2, "price": 3}))
