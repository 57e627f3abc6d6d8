results = {"A": {"visitors": 1000, "conversions": 52}, "B": {"visitors": 980, "conversions": 67}, "C": {"visitors": 0, "conversions": 0}}
rates = {}
for variant, r in results.items():
    try:
        rates[variant] = r["conversions"] / r["visitors"]
    except ZeroDivisionError:
        print(f"variant {variant}: no traffic")
        continue
    print(f"variant {variant}: {r['conversions']}/{r['visitors']} = {rates[variant]:.2%}")
winner = max(rates, key=rates.get)
lift = (rates[winner] - rates["A"]) / rates["A"]
print(f"winner {winner}, lift over A: {lift:+.1%}")
