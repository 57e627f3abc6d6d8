handlers = {"start": lambda: "started"}
print(handlers["start"]())
fn = handlers.get("stop")
print("handler:", fn)
fn()
