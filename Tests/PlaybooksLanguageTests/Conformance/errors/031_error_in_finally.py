def work():
    try:
        print("working")
        return 1
    finally:
        print("cleanup")
        raise RuntimeError("cleanup failed")

work()
