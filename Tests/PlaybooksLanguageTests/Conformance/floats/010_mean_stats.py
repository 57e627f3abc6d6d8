data = [2.5, 3.5, 1.0, 4.0, 9.25]
n = len(data)
mean = sum(data) / n
var = sum((x - mean) ** 2 for x in data) / n
print(mean, var, var ** 0.5)
s = sorted(data)
median = s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2
print(s, median)
print(round(mean, 3), f"{var:.4f}")
