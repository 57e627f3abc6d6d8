def depth(n):
    return depth(n + 1)

try:
    depth(0)
except RecursionError as e:
    print("RecursionError:", e)
    print(type(e).__name__, isinstance(e, RuntimeError))
print("still running")
