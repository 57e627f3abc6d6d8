# OrderAgent
The seed document's scenario with an LLM in the loop: `Main` is a Markdown playbook that the LLM
carries out by writing Python, statement by statement as its reply streams in; `SomePlaybook`,
`FetchData` and `ProcessData` are Python playbooks it calls. Every await is a checkpoint, also in
the middle of an LLM response.

## Main
### Triggers
- At the beginning
### Steps
- Greet the user
- If SomePlaybook has a result, tell the user the result
- Fetch the data, tell the user what arrived, process it and tell the user the processed result
- Return the processed result

```python
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
    return {"rows": len(data), "total": total}
```
