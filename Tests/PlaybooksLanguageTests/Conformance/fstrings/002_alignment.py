for word in ["a", "abc", "abcdefghijk"]:
    print(f"[{word:>10}] [{word:<5}] [{word:^9}] [{word:*^9}]")
print(f"[{42:>6}] [{42:<6}] [{42:^6}] [{-42:06}]")
print(f"[{'x':-<4}] [{'y':.>4}] [{7:0>3}]")
print(f"[{3.5:>8}] [{True!s:>6}]")
