def process(items):
    results = []
    for it in items:
        try:
            try:
                results.append(10 // it)
            except ZeroDivisionError:
                results.append("div0")
                raise RuntimeError("zero found")
            finally:
                results.append("|")
        except RuntimeError as e:
            results.append(str(e))
        except TypeError:
            results.append("type")
    return results

print(process([5, 0, "x", 3]))
