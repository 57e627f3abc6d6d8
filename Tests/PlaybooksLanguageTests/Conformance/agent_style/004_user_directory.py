users = [
    {"first": "ada", "last": "lovelace", "email": "ADA@Example.com", "active": True},
    {"first": "alan", "last": "turing", "email": "alan@example.COM ", "active": False},
    {"first": "grace", "last": "hopper", "email": " grace@navy.mil", "active": True},
]
directory = {}
for u in users:
    email = u["email"].strip().lower()
    domain = email.split("@")[1]
    full = f"{u['first'].title()} {u['last'].title()}"
    directory.setdefault(domain, []).append((full, email, u["active"]))
for domain in sorted(directory):
    print(domain)
    for full, email, active in directory[domain]:
        print(f"  {full:<16} {email:<20} {'active' if active else 'inactive'}")
print(sum(len(v) for v in directory.values()), "users")
