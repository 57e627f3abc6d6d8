def check_inventory(stock, wanted):
    print("checking", wanted)
    if stock.get(wanted, 0) == 0:
        raise RuntimeError(f"out of stock: {wanted!r} (have {sorted(stock)})")
    return stock[wanted]

stock = {"bolts": 12, "nuts": 0}
print(check_inventory(stock, "bolts"))
check_inventory(stock, "nuts")
