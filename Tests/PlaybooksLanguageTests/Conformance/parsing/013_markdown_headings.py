doc = """# Title
Intro text.
## Setup
### Install
Run it.
## Usage
##### Deep
Not a heading: #hashtag
"""
toc = []
for line in doc.splitlines():
    if line.startswith("#"):
        level = len(line) - len(line.lstrip("#"))
        title = line[level:].strip()
        if line[level:level + 1] == " ":
            toc.append((level, title))
for level, title in toc:
    anchor = title.lower().replace(" ", "-")
    print("  " * (level - 1) + f"- [{title}](#{anchor})")
print(len(toc), max(l for l, _ in toc))
