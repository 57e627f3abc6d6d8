def pair():
    value = [0]
    def get():
        return value[0]
    def put(v):
        value[0] = v
    return get, put

get, put = pair()
print(get())
put(42)
print(get())
get2, put2 = pair()
put2(7)
print(get(), get2())
