def fail():
    raise Exception("code", 42)

print("about to fail")
try:
    fail()
except TypeError:
    print("not reached")
