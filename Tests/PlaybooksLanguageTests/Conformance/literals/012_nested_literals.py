data = {
    'users': [
        {'name': 'ann', 'tags': ('a', 'b'), 'score': 9.5},
        {'name': 'bob', 'tags': (), 'score': None},
    ],
    'meta': {'count': 2, 'ok': True, 'ids': [1, 2, [3, [4]]]},
}
print(data)
print(data['users'][0]['tags'][1])
print(data['meta']['ids'][2][1][0])
print([[], [[]], [[], []]])
print(((),), ((1,),))
print(len(data['users']), data['meta']['ok'] and 'yes')
