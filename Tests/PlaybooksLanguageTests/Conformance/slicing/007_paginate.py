items = [f"item{i}" for i in range(1, 24)]
page_size = 5
pages = (len(items) + page_size - 1) // page_size
for p in range(pages):
    page = items[p * page_size:(p + 1) * page_size]
    print(f"page {p + 1}/{pages}: {page[0]}..{page[-1]} ({len(page)})")
print(items[-page_size:])
