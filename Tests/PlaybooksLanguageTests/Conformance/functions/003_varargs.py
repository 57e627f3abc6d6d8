def total(*nums):
    print("got", nums, type(nums).__name__)
    return sum(nums)

print(total())
print(total(1, 2, 3))
args = [4, 5]
print(total(*args, 6))
print(total(*range(4), *args))

def head_tail(first, *rest):
    return first, rest

print(head_tail(1), head_tail(1, 2, 3))
