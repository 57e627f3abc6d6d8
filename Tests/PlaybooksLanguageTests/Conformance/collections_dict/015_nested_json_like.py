config = {
    "service": {"name": "api", "ports": [80, 443]},
    "replicas": 3,
    "env": {"LOG": "debug", "TZ": "UTC"},
}
def walk(node, prefix=""):
    if isinstance(node, dict):
        for k, v in node.items():
            walk(v, f"{prefix}.{k}" if prefix else k)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            walk(v, f"{prefix}[{i}]")
    else:
        print(f"{prefix} = {node!r}")

walk(config)
