session = {"user": "ann", "token": "t0k"}
print(session.pop("missing", "default"))
print(session.pop("token"))
print(session)
print(session.pop("token"))
