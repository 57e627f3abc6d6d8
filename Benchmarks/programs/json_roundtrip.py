import json

doc = {"orders": [{"id": i, "customer": f"c{i % 97}", "total": i * 1.25, "tags": ["a", "b", str(i)], "paid": i % 2 == 0} for i in range(9000)]}
text = json.dumps(doc)
back = json.loads(text)
print(len(text), back == doc, back["orders"][-1]["total"])
