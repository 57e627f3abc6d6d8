stack = []
for tok in "1 2 + 3 *".split():
    if tok.isdigit():
        stack.append(int(tok))
    else:
        b, a = stack.pop(), stack.pop()
        stack.append(a + b if tok == "+" else a * b)
    print(tok, stack)
queue = ["a", "b", "c"]
while queue:
    item = queue.pop(0)
    print("serve", item, "left", queue)
