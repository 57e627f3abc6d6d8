# Bom

```python
@playbook
async def Main():
    return 1
```
