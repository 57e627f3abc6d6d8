"""Writes a 10,000-statement response (simple statements, if/else blocks, comments with
brackets, f-strings) to the path given as the first argument."""
import sys

lines = []
for i in range(10000):
    k = i % 4
    if k == 0:
        lines.append(f"x{i % 50} = {i} * 2 + len('abc(')")
    elif k == 1:
        lines.append(f"if x{(i - 1) % 50} > 3:\n    y = x{(i - 1) % 50} - 1\nelse:\n    y = 0")
    elif k == 2:
        lines.append(f"total = y + {i}  # comment (")
    else:
        lines.append('s = f"{total} items"')
open(sys.argv[1], "w").write("\n".join(lines) + "\nprint(total, s)\n")
