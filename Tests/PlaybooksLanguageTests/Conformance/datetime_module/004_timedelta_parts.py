from datetime import timedelta
td = timedelta(days=2, hours=3, minutes=4, seconds=5)
print(td, td.days, td.seconds, td.total_seconds())
neg = timedelta(hours=-1)
print(neg, neg.days, neg.seconds, neg.total_seconds())
print(timedelta(seconds=90), timedelta(minutes=1.5), timedelta(days=1) / 2)
print(timedelta(hours=25), timedelta(0), timedelta(weeks=1) - timedelta(days=1))
print(timedelta(days=1) * 3, timedelta(hours=6) * 4 == timedelta(days=1))
print(timedelta(seconds=3661).total_seconds() / 3600)
