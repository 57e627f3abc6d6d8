queue = ["a", "b", "c"]
while queue:
    print("pop", queue.pop(0))
print("queue empty:", queue)
print(queue[0])
