defaults = {"host": "localhost", "port": 80, "debug": False}
override = {"port": 8080, "debug": True}
merged = defaults | override
print(merged)
print(defaults)
cfg = dict(defaults)
cfg |= {"host": "example.org"}
print(cfg)
print({**defaults, **override, "extra": 1})
print(override | defaults)
