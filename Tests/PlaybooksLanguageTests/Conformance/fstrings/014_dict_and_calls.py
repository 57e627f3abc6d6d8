def fmt_user(u):
    return f"{u['name'].title():<8} age={u['age']:>3} admin={u.get('admin', False)!s:<5}|"

users = [{"name": "ann lee", "age": 31, "admin": True}, {"name": "bo", "age": 7}]
for u in users:
    print(fmt_user(u))
key = "age"
print(f"{users[1][key] + 1}")
print(f"{len(users)} users, avg {sum(u['age'] for u in users) / len(users):.1f}")
