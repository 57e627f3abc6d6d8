scores = [("ann", "game1", 30), ("bob", "game1", 45), ("ann", "game2", 50), ("cy", "game1", 45), ("bob", "game2", 10), ("cy", "game2", 20)]
totals = {}
best_game = {}
for player, game, pts in scores:
    totals[player] = totals.get(player, 0) + pts
    if pts > best_game.get(player, ("", -1))[1]:
        best_game[player] = (game, pts)
ranking = sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))
prev, place = None, 0
for i, (player, total) in enumerate(ranking, 1):
    if total != prev:
        place = i
        prev = total
    print(f"{place}. {player:<4} {total:>4}  best={best_game[player]}")
