def mat_mult(a, b):
    return [[sum(a[i][k] * b[k][j] for k in range(2)) for j in range(2)] for i in range(2)]

def mat_pow(m, n):
    result = [[1, 0], [0, 1]]
    while n:
        if n & 1:
            result = mat_mult(result, m)
        m = mat_mult(m, m)
        n >>= 1
    return result

for n in [1, 2, 10, 50, 100, 300]:
    print(n, mat_pow([[1, 1], [1, 0]], n)[0][1])
