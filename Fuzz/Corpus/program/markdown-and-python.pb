# Tally
Counts what the user sends and keeps a note of it.

## Greet
### Triggers
- At the beginning
### Steps
- Say hello to the user
- Ask the user for a number

```python
@playbook
async def Main():
    await Step("Main:01:SAY")
    await Say("user", "Send me numbers; 0 ends.")
    total, seen = 0, []
    reply = await WaitForMessage("user")
    while reply != "0":
        try:
            total += int(reply)
            seen.append(reply)
        except ValueError as e:
            await Say("user", f"not a number: {reply!r} ({e})")
        reply = await WaitForMessage("user")
    await SaveArtifact("tally", "the numbers", {"seen": seen, "total": total, "mean": total / max(1, len(seen))})
    note = await LoadArtifact("tally")
    await Say("user", f"total {total}, é ✓, {note}")
    return (total, None, True, 1.5e-3, "y")
```
