import math
tests = [lambda: math.sqrt(-1), lambda: math.log(0), lambda: math.log(-5), lambda: math.factorial(-1), lambda: math.exp(1000)]
for t in tests:
    try:
        print(t())
    except ValueError as e:
        print("ValueError:", e)
    except OverflowError as e:
        print("OverflowError:", e)
