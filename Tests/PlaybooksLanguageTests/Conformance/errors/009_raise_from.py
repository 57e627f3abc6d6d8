def load_config(text):
    try:
        return {"port": int(text)}
    except ValueError as e:
        raise RuntimeError("invalid config value") from e

print(load_config("8080"))
print(load_config("eighty"))
