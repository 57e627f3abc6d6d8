groups = {}
key = ("eng", "remote")
groups[key] = ["ann"]
print(groups)
key2 = ["eng", "office"]
groups[key2] = ["bob"]
print(groups)
