from collections import OrderedDict
class_free_cache = OrderedDict()
CAP = 3
def get(key):
    if key in class_free_cache:
        class_free_cache.move_to_end(key)
        return f"hit {key}"
    class_free_cache[key] = key.upper()
    if len(class_free_cache) > CAP:
        evicted, _ = class_free_cache.popitem(last=False)
        return f"miss {key} (evicted {evicted})"
    return f"miss {key}"
for k in ["a", "b", "c", "a", "d", "b", "e", "a"]:
    print(get(k), list(class_free_cache))
