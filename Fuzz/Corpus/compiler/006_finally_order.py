log = []
def step(n):
    try:
        log.append(f"try {n}")
        if n == 2:
            raise ValueError(n)
        return n * 10
    except ValueError:
        log.append(f"except {n}")
        return -1
    finally:
        log.append(f"finally {n}")

print([step(i) for i in range(4)])
for entry in log:
    print(entry)
