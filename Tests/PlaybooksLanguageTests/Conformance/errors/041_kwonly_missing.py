def connect(host, *, port):
    return f"{host}:{port}"

print(connect("a", port=1))
print(connect("b"))
