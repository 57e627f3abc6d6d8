count = 3
label = "items: "
print(label + str(count))
message = label + count
print(message)
