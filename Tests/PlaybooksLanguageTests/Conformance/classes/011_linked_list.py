class Node:
    def __init__(self, value, nxt=None):
        self.value = value
        self.next = nxt

def to_list(node):
    out = []
    while node is not None:
        out.append(node.value)
        node = node.next
    return out

def reverse(node):
    prev = None
    while node is not None:
        node.next, prev, node = prev, node, node.next
    return prev

head = None
for v in [3, 2, 1]:
    head = Node(v, head)
print(to_list(head))
head = reverse(head)
print(to_list(head))
