---
title: Menu meeting
description: A meeting of three agents with shared state. The host invites the chef and the sommelier; each adds to the menu in the meeting's shared state.
---

# Host
Runs the restaurant and decides tonight's menu with the kitchen.

```python
@playbook
async def Main():
    await Step("Main:01:EXE")
    menu = await MenuMeeting()
    await Say("user", f"Tonight's menu: {menu}")
    return menu


@playbook(meeting=True, required_attendees=["Chef", "Sommelier"])
async def MenuMeeting():
    meeting.shared_state["course"] = "mushroom risotto"
    await Say("meeting", "Tonight we serve mushroom risotto. What goes with it?")
    side = await WaitForMessage("Chef")
    wine = await WaitForMessage("Sommelier")
    state = meeting.shared_state
    await Say("meeting", "Thank you both.")
    return f"{state['course']} with {state['side']} and a glass of {state['wine']}"
```

# Chef
Cooks, and knows what goes with what.

```python
@playbook(meeting=True, triggers=["When invited to a meeting"])
async def MenuMeeting():
    await WaitForMessage("Host")
    course = meeting.shared_state.get("course", "")
    meeting.shared_state["side"] = "grilled asparagus" if "risotto" in course else "bread"
    await Say("meeting", f"I will add {meeting.shared_state['side']}.")
    await WaitForMessage("Host")
```

# Sommelier
Chooses the wine.

```python
@playbook(meeting=True, triggers=["When invited to a meeting"])
async def MenuMeeting():
    await WaitForMessage("Host")
    course = meeting.shared_state.get("course", "")
    meeting.shared_state["wine"] = "Barolo" if "mushroom" in course else "Chablis"
    await Say("meeting", f"A {meeting.shared_state['wine']} then.")
    await WaitForMessage("Host")
```
