name = "Ann"
age = 31
print("%s is %d years old" % (name, age))
print("%r and %s" % ("x", "x"))
print("pi=%.2f e=%.3f" % (3.14159, 2.71828))
print("[%5d] [%-5d] [%05d]" % (42, 42, 42))
print("[%-8s] [%8s]" % ("left", "right"))
print("%d%%" % 50)
print("%s" % [1, 2])
print("%x %X %o" % (255, 255, 8))
print("%s" % (("tuple",),))
print("%.1f%%" % 12.345, "%+d" % 5, "%e" % 12345.678)
