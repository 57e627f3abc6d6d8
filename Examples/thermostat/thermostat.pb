---
title: Thermostat
description: A condition trigger. Alarm runs by itself each time $temperature goes above 30.
---

# Thermostat
Reads the temperature every hour and raises the alarm when it gets too hot.

```python
READINGS = [22, 27, 31, 33, 29, 35, 24]


@playbook
async def Main():
    $alarms = 0
    for hour, reading in enumerate(READINGS):
        await Step("Main:01:EXE")
        $temperature = await Measure(hour)
    await Say("user", f"{len(READINGS)} readings, {$alarms} alarms")
    return $alarms


@playbook
async def Measure(hour):
    return READINGS[hour]


@playbook(triggers=["When $temperature > 30"])
async def Alarm():
    $alarms += 1
    await Say("user", f"Too hot: {$temperature} degrees")
```
