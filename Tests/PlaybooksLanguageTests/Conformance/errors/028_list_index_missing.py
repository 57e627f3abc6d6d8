colors = ["red", "green", "blue"]
print(colors.index("green"))
colors.append("purple")
colors.remove("purple")
print(colors)
print(colors.index("purple"))
