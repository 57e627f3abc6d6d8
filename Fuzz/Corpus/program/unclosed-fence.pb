# Unclosed

```python
@playbook
async def Main(:
