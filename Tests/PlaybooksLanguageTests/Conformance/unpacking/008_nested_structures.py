record = ("ann", (31, "eng"), ["py", "swift", "go"])
name, (age, dept), (first_lang, *other_langs) = record
print(name, age, dept, first_lang, other_langs)
rows = [("a", [1, 2]), ("b", [3, 4])]
for label, (x, y) in rows:
    print(label, x + y)
(((deep,),),) = (((42,),),)
print(deep)
