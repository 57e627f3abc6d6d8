def t1():
    a, b, c = [1, 2]
def t2():
    a, b = [1, 2, 3]
def t3():
    a, b = 5
def t4():
    a, *b, c = [1]
def t5():
    x, y = "abc"
for fn in [t1, t2, t3, t4, t5]:
    try:
        fn()
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)
