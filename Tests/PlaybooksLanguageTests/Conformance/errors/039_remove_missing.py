tags = ["a", "b", "c"]
tags.remove("b")
print(tags)
tags.remove("z")
print(tags)
