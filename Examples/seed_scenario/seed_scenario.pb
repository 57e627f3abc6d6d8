# OrderAgent
The seed document's scenario: an agent whose main playbook greets the user, asks another
playbook for a value, fetches data, processes it, and reports each result. Every `await` is a
checkpoint: kill the process anywhere and `playbooks resume` continues at exactly that await.

```python
@playbook
async def Main():
    await Step("Main:01:QUE")
    await Say("user", "Hello!")

    await Step("Main:02:CND")
    x = await SomePlaybook()
    $x = x
    await Say("user", f"Result: {x}")

    await Step("Main:03:ACT")
    data = await FetchData()
    $data = data
    await Say("user", f"Got data: {data}")
    y = await ProcessData(data)
    await Say("user", f"Processed: {y}")
    return y


@playbook
async def SomePlaybook():
    await Step("SomePlaybook:01:EXE")
    return 42


@playbook
async def FetchData():
    await Step("FetchData:01:EXE")
    rows = [{"sku": f"A-{i}", "qty": i, "price": 2.5 * i} for i in range(1, 4)]
    await SaveArtifact("orders", "three order rows", str(rows))
    return rows


@playbook
async def ProcessData(data):
    await Step("ProcessData:01:EXE")
    total = sum(row["qty"] * row["price"] for row in data)
    await Say("user", f"Totalling {len(data)} rows")
    return {"rows": len(data), "total": total}
```
