def averager():
    values = []
    def add(v):
        values.append(v)
        return sum(values) / len(values)
    return add

avg = averager()
for v in [10, 20, 60, 2]:
    print(avg(v))
other = averager()
print(other(1), avg(0))
