e = "before"
try:
    raise ValueError("inside")
except ValueError as e:
    msg = str(e)
print(msg)
try:
    print(e)
except NameError as err:
    print("NameError:", err)
