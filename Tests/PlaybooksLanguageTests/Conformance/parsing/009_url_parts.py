def split_url(url):
    scheme, _, rest = url.partition("://")
    rest, _, fragment = rest.partition("#")
    rest, _, query = rest.partition("?")
    host, slash, path = rest.partition("/")
    host, _, port = host.partition(":")
    return {"scheme": scheme, "host": host, "port": int(port) if port else None,
            "path": "/" + path if slash else "/", "query": query, "fragment": fragment}

for u in ["https://example.com/a/b?x=1#top", "http://localhost:8080", "ftp://files.org:21/pub/"]:
    parts = split_url(u)
    print(u)
    for k, v in parts.items():
        print(f"   {k:<9}{v!r}")
