def validate(user):
    assert "name" in user, "user needs a name"
    assert user["age"] >= 0, f"bad age {user['age']}"
    return True

print(validate({"name": "ann", "age": 3}))
print(validate({"name": "bob", "age": -1}))
