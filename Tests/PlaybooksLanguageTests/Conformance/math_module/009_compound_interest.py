import math
principal = 1000.0
rate = 0.05
for years in [1, 5, 10, 30]:
    yearly = principal * (1 + rate) ** years
    continuous = principal * math.exp(rate * years)
    print(f"{years:>2}y yearly={yearly:,.2f} continuous={continuous:,.2f}")
print(math.ceil(math.log(2) / math.log(1 + rate)), "years to double")
