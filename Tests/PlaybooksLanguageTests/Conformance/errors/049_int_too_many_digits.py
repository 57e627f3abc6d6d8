big = 10 ** 5000
print(big % 97, len(str(10 ** 4000)))
print(str(big))
