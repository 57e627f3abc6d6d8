names = ["test_login", "test_logout", "helper", "login_test"]
for n in names:
    print(n.removeprefix("test_"), n.removesuffix("_test"))
print("file.tar.gz".removesuffix(".gz").removesuffix(".tar"))
print("aaa".removeprefix("a"), "".removeprefix("x"))
