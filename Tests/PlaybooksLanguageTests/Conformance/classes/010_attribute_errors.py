class Config:
    def __init__(self):
        self.debug = False

c = Config()
print(c.debug)
c.level = 3
print(c.level)
try:
    print(c.missing)
except AttributeError as e:
    print("AttributeError:", e)
