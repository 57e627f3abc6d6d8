try:
    s = {[1, 2]}
except TypeError as e:
    print("TypeError:", e)
try:
    s = set([[1]])
except TypeError as e:
    print("TypeError:", e)
try:
    {1} + {2}
except TypeError as e:
    print("TypeError:", e)
try:
    s = {1, 2}
    s[0]
except TypeError as e:
    print("TypeError:", e)
print({1, 2} | {3})
