def is_even(n):
    return True if n == 0 else is_odd(n - 1)

def is_odd(n):
    return False if n == 0 else is_even(n - 1)

print([is_even(i) for i in range(6)])
print(is_odd(101), is_even(200))

def hanoi(n, src, dst, via, moves):
    if n:
        hanoi(n - 1, src, via, dst, moves)
        moves.append((src, dst))
        hanoi(n - 1, via, dst, src, moves)
    return moves

print(hanoi(3, "A", "C", "B", []))
print(len(hanoi(10, "A", "C", "B", [])))
