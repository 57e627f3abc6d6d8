data = {"a": 1, "b": 2}
nums = [3, 1, 2]
print(f"{data['a']} {data.get('c', 'none')}")
print(f"{sorted(nums)} {max(nums)} {sum(nums) / len(nums):.2f}")
print(f"{'yes' if nums else 'no'}")
print(f"{', '.join(str(n) for n in nums)}")
print(f"{[n * n for n in nums]}")
print(f"{(lambda v: v + 1)(5)}")
print(f"{nums[-1]} {nums[::-1]}")
print(f"{'abc'.upper():>6}")
