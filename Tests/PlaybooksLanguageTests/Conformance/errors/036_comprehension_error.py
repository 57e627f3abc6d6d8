raw = ["1", "2", "three", "4"]
print(raw)
print([x.upper() for x in raw])
nums = [int(x) for x in raw]
print(nums)
