z = -0.0
print(z, 0.0 == z, repr(z), str(z))
print(-0.0 + 0.0, 0.0 * -1, -1 * 0.0, abs(-0.0))
print(round(-0.4), round(-0.4, 1), f"{-0.0:.1f}")
print(1.0 / 1e308 / 1e308 * -1)
print(-0.0 < 0.0, max(-0.0, 0.0), min(0.0, -0.0))
