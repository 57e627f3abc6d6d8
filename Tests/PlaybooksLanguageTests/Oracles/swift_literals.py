"""Reads the literal tables of a Swift test file: strings (plain, raw, multi-line), integers, nil.

Shared by the oracle scripts beside this file, which recompute each table's expected values with
CPython and compare them with (or write them into) the Swift source. Standard library only.
"""

import re


class Token:
    """One token: kind is "str", "int", "nil", "ident" or a punctuation character; start/end are
    offsets into the source, so an expected value can be rewritten in place."""

    def __init__(self, kind, value, start, end):
        self.kind, self.value, self.start, self.end = kind, value, start, end

    def __repr__(self):
        return f"Token({self.kind}, {self.value!r})"


_ESCAPES = {"0": "\0", "\\": "\\", "t": "\t", "n": "\n", "r": "\r", '"': '"', "'": "'"}


def _unescape(body, hashes):
    out, i, marker = [], 0, "\\" + "#" * hashes
    while i < len(body):
        if body.startswith(marker, i):
            i += len(marker)
            c = body[i]
            if c == "u":
                close = body.index("}", i)
                out.append(chr(int(body[i + 2 : close], 16)))
                i = close + 1
            else:
                out.append(_ESCAPES[c])
                i += 1
        else:
            out.append(body[i])
            i += 1
    return "".join(out)


def _multiline(body):
    # body runs from after the opening \"\"\" to before the closing one; the closing line's
    # indentation is removed from every line.
    assert body.startswith("\n"), "a multi-line string starts on the next line"
    lines = body[1:].split("\n")
    indent = lines[-1]
    assert indent.strip() == "", "the closing delimiter stands on a line of its own"
    kept = []
    for line in lines[:-1]:
        kept.append(line[len(indent) :] if line.startswith(indent) else line.lstrip())
    return "\n".join(kept)


def tokens(source, start=0, end=None):
    """The tokens of source[start:end], skipping whitespace and // comments."""
    return list(iterate_tokens(source, start, end))


def iterate_tokens(source, start=0, end=None):
    """The tokens of source[start:end], one at a time (stop reading where the literals end)."""
    end = len(source) if end is None else end
    i = start
    while i < end:
        c = source[i]
        if c.isspace():
            i += 1
        elif source.startswith("//", i):
            i = source.index("\n", i)
        elif c == "#" or c == '"':
            hashes = 0
            while source[i + hashes] == "#":
                hashes += 1
            q = i + hashes
            assert source[q] == '"', f"bad string at {q}"
            if source.startswith('"""', q):
                close = source.index('"""' + "#" * hashes, q + 3)
                raw = _multiline(source[q + 3 : close])
                value = raw if hashes else _unescape(raw, 0)
                stop = close + 3 + hashes
            else:
                j = q + 1
                terminator = '"' + "#" * hashes
                while not source.startswith(terminator, j):
                    j += 2 if (hashes == 0 and source[j] == "\\") else 1
                value = _unescape(source[q + 1 : j], hashes) if hashes == 0 else source[q + 1 : j]
                stop = j + len(terminator)
            yield (Token("str", value, i, stop))
            i = stop
        elif c.isdigit() or (c == "-" and source[i + 1].isdigit()):
            m = re.compile(r"-?(0x[0-9a-fA-F_]+|[0-9_]+)").match(source, i)
            yield (Token("int", int(m.group(0).replace("_", ""), 0), i, m.end()))
            i = m.end()
        elif c.isalpha() or c == "_":
            m = re.compile(r"[A-Za-z_][A-Za-z0-9_]*").match(source, i)
            word = m.group(0)
            yield (Token("nil" if word == "nil" else "ident", None if word == "nil" else word, i, m.end()))
            i = m.end()
        else:
            yield (Token(c, c, i, i + 1))
            i += 1


def table(source, declaration):
    """The entries of the array literal that follows `declaration` (e.g. "static let reprCases"):
    a list of (name, tokens) per entry, where name is the constructor (None for a tuple) and
    tokens are the argument values (labels dropped)."""
    at = source.index(declaration)
    open_ = source.index("= [", at) + 2
    toks = tokens(source, open_ + 1, _matching(source, open_))
    entries, k = [], 0
    while k < len(toks):
        name = None
        if toks[k].kind == "ident":
            name = toks[k].value
            k += 1
        assert toks[k].kind == "(", f"expected ( at {toks[k].start}"
        depth, args, k = 1, [], k + 1
        while depth:
            t = toks[k]
            if t.kind == "(":
                depth += 1
            elif t.kind == ")":
                depth -= 1
            elif t.kind in ("str", "int", "nil") and depth == 1:
                args.append(t)
            k += 1
        entries.append((name, args))
        if k < len(toks) and toks[k].kind == ",":
            k += 1
    return entries


def _matching(source, open_):
    # The index of the ] that closes the [ at open_, skipping strings.
    depth = 0
    for t in iterate_tokens(source, open_):
        if t.kind == "[":
            depth += 1
        elif t.kind == "]":
            depth -= 1
            if depth == 0:
                return t.start
    raise ValueError("unclosed [")


def swift_string(text):
    """A Swift string literal for text, escaped as the tables write them."""
    out = []
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\0":
            out.append("\\0")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append("\\u{%x}" % ord(ch))
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def report(name, mismatches, total, source_path, write, rewrites, source):
    """Prints the outcome; with write, applies rewrites ((start, end, text) of tokens) to the file.
    Returns the exit status."""
    if write and rewrites:
        for start, end_, text in sorted(rewrites, reverse=True):
            source = source[:start] + text + source[end_:]
        with open(source_path, "w", encoding="utf-8") as f:
            f.write(source)
        print(f"{name}: rewrote {len(rewrites)} expected values in {source_path}")
        return 0
    for m in mismatches[:20]:
        print(m)
    print(f"{name}: {total} cases, {len(mismatches)} differ from this python3")
    return 1 if mismatches else 0
