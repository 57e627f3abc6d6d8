def ping(n):
    return pong(n + 1)

def pong(n):
    return ping(n + 1)

for attempt in range(2):
    try:
        ping(0)
    except RecursionError as e:
        print("attempt", attempt, "->", type(e).__name__, str(e))
print("recovered")
