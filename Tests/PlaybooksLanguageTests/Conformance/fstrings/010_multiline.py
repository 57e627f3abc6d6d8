name = "report"
count = 3
msg = (
    f"name: {name}\n"
    f"count: {count}\n"
    f"double: {count * 2}"
)
print(msg)
block = f"""
start {name}
  items={count:03d}
end"""
print(block)
print(len(msg.splitlines()))
