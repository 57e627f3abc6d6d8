def push(heap, x):
    heap.append(x)
    i = len(heap) - 1
    while i > 0 and heap[(i - 1) // 2] > heap[i]:
        heap[i], heap[(i - 1) // 2] = heap[(i - 1) // 2], heap[i]
        i = (i - 1) // 2

def pop(heap):
    top = heap[0]
    last = heap.pop()
    if heap:
        heap[0] = last
        i = 0
        while True:
            l, r, small = 2 * i + 1, 2 * i + 2, i
            if l < len(heap) and heap[l] < heap[small]:
                small = l
            if r < len(heap) and heap[r] < heap[small]:
                small = r
            if small == i:
                break
            heap[i], heap[small] = heap[small], heap[i]
            i = small
    return top

h = []
for x in [5, 3, 8, 1, 9, 2, 7]:
    push(h, x)
    print(h)
print([pop(h) for _ in range(7)])
