checks = [
    (ZeroDivisionError, ArithmeticError, "ArithmeticError"), (OverflowError, ArithmeticError, "ArithmeticError"),
    (KeyError, LookupError, "LookupError"), (IndexError, LookupError, "LookupError"),
    (RecursionError, RuntimeError, "RuntimeError"), (NotImplementedError, RuntimeError, "RuntimeError"),
    (UnboundLocalError, NameError, "NameError"), (ValueError, Exception, "Exception"),
    (KeyError, IndexError, "IndexError"), (TypeError, ValueError, "ValueError"),
]
for sub, base, base_name in checks:
    try:
        raise sub("x")
    except base as e:
        print(type(e).__name__, "is a", base_name)
    except Exception as e:
        print(type(e).__name__, "is NOT a", base_name)
