# SupportAgent
A customer-support agent for the Acme Coffee Gear web shop. It greets the customer, finds the
order they are writing about, refunds it when the refund policy allows, files a support ticket
and says goodbye. `Main` and `HandleRefund` are Markdown playbooks that the LLM carries out by
writing Python; `FindOrderId`, `CheckOrder` and `IssueRefund` are Python playbooks they call.
Every await is a checkpoint, also in the middle of an LLM response and while waiting for the
customer.

## Main
### Triggers
- At the beginning
### Steps
- Greet the user and ask the user what they need
- Wait for the user's request
- Find the order id in the request with FindOrderId
- If there is no order id
  - Ask the user for it and wait for the answer
- Handle the refund with HandleRefund and tell the user the outcome
- Ask the user whether there is anything else
- Wait for the user's reply
- Return the ticket id after saying goodbye
### Notes
- Be brief and friendly
- Never promise a refund before HandleRefund has decided

## HandleRefund($order_id) -> dict
Refunds an order when the refund policy allows it, and files a support ticket.
### Steps
- Look up the order with CheckOrder
- If the order was not found or cannot be refunded
  - Tell the user why and return a ticket without a refund
- Otherwise issue the refund with IssueRefund
- Save the support ticket with SaveArtifact
- Return the ticket, with a message for the user
### Notes
- Orders can be refunded up to 30 days after delivery

```python
import re

ORDERS = {
    "A-1042": {"item": "espresso machine", "amount": 189.5, "status": "delivered", "days_since_delivery": 6},
    "A-1077": {"item": "milk frother", "amount": 39.0, "status": "delivered", "days_since_delivery": 45},
    "A-2001": {"item": "coffee grinder", "amount": 74.25, "status": "shipped", "days_since_delivery": 0},
}


@playbook
async def FindOrderId(text):
    """The order id in a message (like A-1042), or None."""
    match = re.search(r"\b[A-Z]-\d{4}\b", text.upper())
    if match is None:
        return None
    return match.group(0)


@playbook
async def CheckOrder(order_id):
    """The order: item, amount, status, and whether it can be refunded."""
    await Step("CheckOrder:01:EXE")
    order = ORDERS.get(order_id)
    if order is None:
        return {"order_id": order_id, "found": False, "refundable": False}
    result = {"order_id": order_id, "found": True}
    for key in order:
        result[key] = order[key]
    result["refundable"] = order["status"] == "delivered" and order["days_since_delivery"] <= 30
    return result


@playbook
async def IssueRefund(order_id, amount):
    """Refunds `amount` on the order; returns the refund id."""
    await Step("IssueRefund:01:EXE")
    return "R-" + order_id.replace("-", "") + "-" + str(int(amount * 100))
```
