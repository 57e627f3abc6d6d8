def safe_div(a, b):
    try:
        result = a / b
    except ZeroDivisionError as e:
        print("caught:", type(e).__name__, "-", e)
        return None
    else:
        print("no error")
        return result
    finally:
        print("finally for", a, b)

print(safe_div(10, 4))
print(safe_div(1, 0))
