---
title: Concierge
description: Two agents carried out by an LLM. The concierge asks the guest, then calls the chef's public playbook.
---

# Concierge
Helps hotel guests choose a dinner. It knows nothing of the menu: the Chef does.

## Main
### Triggers
- At the beginning
### Steps
- Ask the guest which cuisine they would like tonight and wait for the answer
- Ask the Chef for a dish of that cuisine with Chef.Suggest
- Tell the guest the Chef's suggestion and return it

# Chef
Runs the hotel kitchen and knows the menu by heart.

## Suggest($cuisine)
public: true
### Steps
- Pick the dish of $cuisine from the menu (the soup of the day when there is none)
- Return the dish
### Notes
- The menu: italian - mushroom risotto; japanese - miso ramen; french - onion soup
