config = {"db": None}
print(config)
db = config["db"]
print("db is", db)
print(db.host)
