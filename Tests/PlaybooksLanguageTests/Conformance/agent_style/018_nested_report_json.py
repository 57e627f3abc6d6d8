import json
teams = {
    "eng": [{"name": "ann", "tasks": [3, 5]}, {"name": "bo", "tasks": []}],
    "ops": [{"name": "cy", "tasks": [1, 1, 2]}],
}
report = {"teams": [], "grand_total": 0}
for team, members in sorted(teams.items()):
    member_rows = [{"name": m["name"], "done": sum(m["tasks"]), "n": len(m["tasks"])} for m in members]
    total = sum(r["done"] for r in member_rows)
    report["teams"].append({"team": team, "members": member_rows, "total": total})
    report["grand_total"] += total
print(json.dumps(report, indent=2))
