line = "name: ann; role: admin"
start = line.index("role")
print(start, line[start:])
end = line.index("email")
print(end)
