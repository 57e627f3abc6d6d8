def parse_version(v):
    main, _, pre = v.partition("-")
    nums = [int(p) for p in main.split(".")]
    while len(nums) < 3:
        nums.append(0)
    return (nums, 0 if pre else 1, pre)

versions = ["1.10.0", "1.2", "1.2.0-beta", "1.2.0", "0.9.12", "2.0.0-alpha", "2.0.0-rc1", "1.2.0-alpha"]
for v in sorted(versions, key=parse_version):
    print(v, parse_version(v))
print(max(versions, key=parse_version))
