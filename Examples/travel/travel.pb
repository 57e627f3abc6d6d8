# TravelAgent
A travel agent for a small airline. It asks the user where they want to fly, finds the cheapest
flight there, and books it when the user agrees. `Main` is a Markdown playbook the LLM carries
out by writing Python; `SearchFlights` and `BookFlight` are Python playbooks it calls.

## Main
### Triggers
- At the beginning
### Steps
- Greet the user and ask where they would like to fly
- Wait for the user's answer
- Search flights to that city with SearchFlights
- If there are no flights
  - Tell the user and return None
- Tell the user the cheapest flight and ask whether to book it, then wait for the answer
- If the user agrees, book the flight with BookFlight
- Otherwise tell the user it is not booked and return None
- Tell the user the booking reference and return it
### Notes
- Only offer flights that SearchFlights returned

```python
FLIGHTS = [
    {"number": "TP412", "to": "Lisbon", "price": 89},
    {"number": "TP418", "to": "Lisbon", "price": 129},
    {"number": "IB733", "to": "Madrid", "price": 74},
    {"number": "AF116", "to": "Paris", "price": 102},
]


@playbook
async def SearchFlights(city):
    """Flights to `city`, cheapest first: a list of dicts with number, to and price."""
    await Step("SearchFlights:01:EXE")
    found = [f for f in FLIGHTS if f["to"].lower() == city.strip().lower()]
    return sorted(found, key=lambda f: f["price"])


@playbook
async def BookFlight(flight_number):
    """Books the flight; returns the booking reference."""
    await Step("BookFlight:01:EXE")
    if not any(f["number"] == flight_number for f in FLIGHTS):
        raise ValueError(f"no flight {flight_number}")
    return "BK-" + flight_number
```
