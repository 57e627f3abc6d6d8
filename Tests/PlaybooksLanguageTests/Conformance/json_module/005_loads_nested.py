import json
text = """
{
  "orders": [
    {"id": 1, "items": [{"sku": "A", "qty": 2, "price": 9.99}], "paid": true},
    {"id": 2, "items": [], "paid": false, "note": null}
  ],
  "meta": {"version": "1.2", "count": 2, "ratio": 1e-3, "big": 123456789012345678901234567890}
}
"""
data = json.loads(text)
print(data["orders"][0]["items"][0])
print(data["orders"][1])
print(data["meta"])
print(type(data["meta"]["ratio"]).__name__, type(data["meta"]["big"]).__name__)
total = sum(i["qty"] * i["price"] for o in data["orders"] for i in o["items"])
print(round(total, 2))
