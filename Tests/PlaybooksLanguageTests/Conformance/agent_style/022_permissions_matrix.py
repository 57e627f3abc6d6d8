roles = {"admin": {"read", "write", "delete"}, "editor": {"read", "write"}, "viewer": {"read"}}
users = {"ann": ["admin"], "bob": ["editor", "viewer"], "cy": ["viewer"], "di": []}
actions = ["read", "write", "delete"]
print(f"{'user':<5}" + "".join(f"{a:>8}" for a in actions))
for user, rs in users.items():
    perms = set()
    for r in rs:
        perms |= roles[r]
    print(f"{user:<5}" + "".join(f"{'yes' if a in perms else '-':>8}" for a in actions))
print(sorted(roles["admin"] - roles["editor"]))
