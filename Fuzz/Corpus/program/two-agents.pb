# Front
Takes questions.

```python
@playbook
async def Main(topic="none"):
    answer = await Back.Lookup(topic)
    await Say("user", answer)
```

## Triage($question, urgent=False)
### Triggers
- When the user asks about billing
- T2:BGN When the conversation starts
### Steps
- 01:QUE Ask what the problem is
- 02:CND If it is urgent
  - 02.01:RET Return "urgent"
- 03:YLD Yield to the user
### Notes
- Keep it short

# Back
Answers lookups.

```python
@playbook(public=True)
async def Lookup(topic: str) -> str:
    return {"a": "alpha"}.get(topic, "?")
```
