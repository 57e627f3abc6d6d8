from datetime import datetime, timedelta
t = datetime(2024, 12, 31, 23, 59, 30)
for secs in [15, 30, 45, 3600]:
    print(t + timedelta(seconds=secs))
print(t - timedelta(days=366))
print(t.strftime("%Y/%j %H:%M:%S"), (t + timedelta(seconds=30)).strftime("%A %B %Y"))
span = datetime(2025, 3, 1) - datetime(2024, 3, 1)
print(span.days, span.total_seconds(), span // timedelta(days=7))
