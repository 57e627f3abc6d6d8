def two_sum(nums, target):
    index = {}
    for i, n in enumerate(nums):
        if target - n in index:
            return index[target - n], i
        index[n] = i
    return None

print(two_sum([2, 7, 11, 15], 9), two_sum([3, 2, 4], 6), two_sum([1, 2], 7))
def three_sum_zero(nums):
    nums = sorted(nums)
    out = set()
    for i in range(len(nums)):
        seen = set()
        for j in range(i + 1, len(nums)):
            need = -nums[i] - nums[j]
            if need in seen:
                out.add((nums[i], need, nums[j]))
            seen.add(nums[j])
    return sorted(out)
print(three_sum_zero([-1, 0, 1, 2, -1, -4]))
