class Task:
    def __init__(self, title, priority):
        self.title = title
        self.priority = priority
        self.done = False

    def __repr__(self):
        mark = "x" if self.done else " "
        return f"[{mark}] {self.title} (p{self.priority})"

tasks = [Task("write tests", 2), Task("fix bug", 1), Task("deploy", 3)]
tasks[1].done = True
for t in sorted(tasks, key=lambda t: t.priority):
    print(t)
by_title = {t.title: t for t in tasks}
by_title["deploy"].done = True
print(tasks)
print([t.title for t in tasks if not t.done])
