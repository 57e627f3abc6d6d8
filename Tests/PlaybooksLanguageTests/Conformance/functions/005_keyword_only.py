def connect(host, *, port=80, secure=False):
    return f"{'https' if secure else 'http'}://{host}:{port}"

print(connect("a.com"))
print(connect("b.com", port=443, secure=True))
try:
    connect("c.com", 8080)
except TypeError as e:
    print("TypeError:", e)

def need(*, key):
    return key

print(need(key="k"))
try:
    need()
except TypeError as e:
    print("TypeError:", e)
