files = ["report.pdf", "image.PNG", "notes.txt", "archive.tar.gz", "README"]
for f in files:
    print(f, f.endswith((".png", ".PNG", ".jpg")), f.endswith(".gz"), f.startswith(("re", "RE")))
print("abcdef".startswith("cd", 2), "abcdef".endswith("cd", 0, 4))
print("".startswith(""), "x".endswith(""))
