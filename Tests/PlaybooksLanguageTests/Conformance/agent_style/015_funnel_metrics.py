events = [("u1", "visit"), ("u2", "visit"), ("u3", "visit"), ("u1", "signup"), ("u4", "visit"),
          ("u2", "signup"), ("u1", "purchase"), ("u5", "visit"), ("u2", "visit"), ("u3", "signup")]
stages = ["visit", "signup", "purchase"]
users_at = {s: set() for s in stages}
for user, stage in events:
    users_at[stage].add(user)
prev = None
for s in stages:
    n = len(users_at[s])
    conv = f"{n / prev:.1%}" if prev else "-"
    print(f"{s:<9}{n:>3} users  conversion {conv}")
    prev = n
print(sorted(users_at["signup"] - users_at["purchase"]))
