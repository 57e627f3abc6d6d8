def tokenize(src):
    tokens, i = [], 0
    while i < len(src):
        ch = src[i]
        if ch.isspace():
            i += 1
        elif ch.isdigit() or (ch == "." and i + 1 < len(src) and src[i + 1].isdigit()):
            j = i
            while j < len(src) and (src[j].isdigit() or src[j] == "."):
                j += 1
            tokens.append(("num", src[i:j]))
            i = j
        elif ch.isalpha() or ch == "_":
            j = i
            while j < len(src) and (src[j].isalnum() or src[j] == "_"):
                j += 1
            tokens.append(("id", src[i:j]))
            i = j
        elif src[i:i + 2] in ("==", "!=", "<=", ">=", "**"):
            tokens.append(("op", src[i:i + 2]))
            i += 2
        else:
            tokens.append(("op", ch))
            i += 1
    return tokens

print(tokenize("x1 = foo(3.14, y) ** 2"))
print(tokenize("a<=b != c==.5"))
