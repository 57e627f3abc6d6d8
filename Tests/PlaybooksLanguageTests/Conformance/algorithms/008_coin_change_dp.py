def min_coins(coins, amount):
    INF = float("inf")
    dp = [0] + [INF] * amount
    for a in range(1, amount + 1):
        for c in coins:
            if c <= a and dp[a - c] + 1 < dp[a]:
                dp[a] = dp[a - c] + 1
    return dp[amount] if dp[amount] != INF else -1

def ways(coins, amount):
    dp = [1] + [0] * amount
    for c in coins:
        for a in range(c, amount + 1):
            dp[a] += dp[a - c]
    return dp[amount]

print(min_coins([1, 5, 10, 25], 63), min_coins([2], 3), min_coins([3, 7], 0))
print(ways([1, 2, 5], 5), ways([2, 5, 3, 6], 10), ways([1, 5, 10, 25, 50], 100))
