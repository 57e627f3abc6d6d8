extension Parser.State {
    /// One or more adjacent string literals: a `str` constant, or an f-string when any is formatted.
    mutating func parseStrings() throws(SyntaxError) -> Expr {
        let line = current.line
        var parts: [FStringPart] = []
        var text = ""
        var formatted = false
        while case .string(let literal) = current.kind {
            let tokenLine = current.line
            advance()
            if literal.isBytes { throw SyntaxError("bytes literals are not supported", line: tokenLine) }
            if literal.isFormatted {
                formatted = true
                if !text.isEmpty {
                    parts.append(.literal(text))
                    text = ""
                }
                var bytes = Array(literal.body.utf8)
                bytes.append(0)
                var i = 0
                let fieldParts = try parseFStringParts(
                    bytes, &i, end: bytes.count - 1, literal: literal, level: 0)
                for part in fieldParts { appendPart(part, to: &parts) }
            } else {
                text += try decode(literal)
            }
        }
        if !formatted { return Expr(.constant(.str(text)), line: line) }
        if !text.isEmpty { appendPart(.literal(text), to: &parts) }
        return Expr(.fstring(parts), line: line)
    }

    /// Appends a part, merging adjacent literal text and dropping empty literals.
    func appendPart(_ part: FStringPart, to parts: inout [FStringPart]) {
        if case .literal(let text) = part {
            if text.isEmpty { return }
            if case .literal(let previous)? = parts.last {
                parts[parts.count - 1] = .literal(previous + text)
                return
            }
        }
        parts.append(part)
    }

    /// The value of a non-formatted string literal.
    func decode(_ literal: StringLiteral) throws(SyntaxError) -> String {
        if literal.isRaw { return literal.body }
        return try decodeChunk(literal.body.utf8, line: literal.line)
    }

    func decodeChunk(_ chunk: some Collection<UInt8>, line: Int) throws(SyntaxError) -> String {
        do throws(Lexer.EscapeError) {
            return try Lexer.decodeEscapes(chunk)
        } catch {
            throw SyntaxError(error.message, line: line)
        }
    }

    /// Literal text and replacement fields of an f-string body (level 0) or a format spec
    /// (level 1+, ending at an unmatched `}`), following CPython 3.11's `fstring_find_literal` /
    /// `fstring_find_expr`. `bytes[end]` is a NUL sentinel.
    mutating func parseFStringParts(
        _ bytes: [UInt8], _ i: inout Int, end: Int, literal: StringLiteral, level: Int
    ) throws(SyntaxError) -> [FStringPart] {
        var parts: [FStringPart] = []
        let raw = literal.isRaw
        func fail(_ message: String) -> SyntaxError { SyntaxError(message, line: literal.line) }
        while true {
            // Literal text up to a `{` or `}`.
            let start = i
            var chunkEnd = -1
            var resume = -1
            while i < end {
                var ch = bytes[i]
                i += 1
                if !raw && ch == UInt8(ascii: "\\") && i < end {
                    ch = bytes[i]
                    i += 1
                    if ch == UInt8(ascii: "N") {
                        if i < end && bytes[i] == UInt8(ascii: "{") {
                            i += 1
                            while i < end && bytes[i] != UInt8(ascii: "}") { i += 1 }
                            if i < end { i += 1 }
                        }
                        continue
                    }
                }
                if ch == UInt8(ascii: "{") || ch == UInt8(ascii: "}") {
                    if level == 0 {
                        if i < end && bytes[i] == ch {
                            chunkEnd = i
                            resume = i + 1
                            break
                        }
                        if ch == UInt8(ascii: "}") { throw fail("f-string: single '}' is not allowed") }
                    }
                    i -= 1
                    break
                }
            }
            let stop = chunkEnd >= 0 ? chunkEnd : i
            if stop > start {
                let chunk = bytes[start..<stop]
                let text = raw ? String(decoding: chunk, as: UTF8.self) : try decodeChunk(chunk, line: literal.line)
                appendPart(.literal(text), to: &parts)
            }
            if resume >= 0 {
                i = resume
                continue
            }
            if i >= end || bytes[i] == UInt8(ascii: "}") { break }
            parts.append(try parseFStringField(bytes, &i, end: end, literal: literal, level: level))
        }
        if level > 0 && (i >= end || bytes[i] != UInt8(ascii: "}")) {
            throw fail("f-string: expecting '}'")
        }
        return parts
    }

    /// A replacement field starting at the `{` at `bytes[i]`.
    mutating func parseFStringField(
        _ bytes: [UInt8], _ i: inout Int, end: Int, literal: StringLiteral, level: Int
    ) throws(SyntaxError) -> FStringPart {
        func fail(_ message: String) -> SyntaxError { SyntaxError(message, line: literal.line) }
        if level >= 2 { throw fail("f-string: expressions nested too deeply") }
        i += 1
        let exprStart = i
        var quote: UInt8 = 0
        var tripleQuoted = false
        var nesting: [UInt8] = []
        while i < end {
            let ch = bytes[i]
            if ch == UInt8(ascii: "\\") { throw fail("f-string expression part cannot include a backslash") }
            if quote != 0 {
                if ch == quote {
                    if tripleQuoted {
                        if i + 2 < end && bytes[i + 1] == ch && bytes[i + 2] == ch {
                            i += 3
                            quote = 0
                            continue
                        }
                    } else {
                        quote = 0
                    }
                }
                i += 1
                continue
            }
            if ch == UInt8(ascii: "'") || ch == UInt8(ascii: "\"") {
                if i + 2 < end && bytes[i + 1] == ch && bytes[i + 2] == ch {
                    tripleQuoted = true
                    i += 2
                } else {
                    tripleQuoted = false
                }
                quote = ch
            } else if ch == UInt8(ascii: "[") || ch == UInt8(ascii: "(") || ch == UInt8(ascii: "{") {
                if nesting.count >= Parser.State.maxDepth { throw fail("f-string: too many nested parenthesis") }
                nesting.append(ch)
            } else if ch == UInt8(ascii: "#") {
                throw fail("f-string expression part cannot include '#'")
            } else if nesting.isEmpty
                && (ch == UInt8(ascii: "!") || ch == UInt8(ascii: ":") || ch == UInt8(ascii: "}")
                    || ch == UInt8(ascii: "=") || ch == UInt8(ascii: ">") || ch == UInt8(ascii: "<"))
            {
                if i + 1 < end && bytes[i + 1] == UInt8(ascii: "=")
                    && (ch == UInt8(ascii: "!") || ch == UInt8(ascii: "=") || ch == UInt8(ascii: "<")
                        || ch == UInt8(ascii: ">"))
                {
                    i += 2
                    continue
                }
                if ch == UInt8(ascii: ">") || ch == UInt8(ascii: "<") {
                    i += 1
                    continue
                }
                break
            } else if ch == UInt8(ascii: "]") || ch == UInt8(ascii: ")") || ch == UInt8(ascii: "}") {
                let closing = Character(Unicode.Scalar(ch))
                guard let opening = nesting.popLast() else { throw fail("f-string: unmatched '\(closing)'") }
                let matches =
                    (opening == UInt8(ascii: "(") && ch == UInt8(ascii: ")"))
                    || (opening == UInt8(ascii: "[") && ch == UInt8(ascii: "]"))
                    || (opening == UInt8(ascii: "{") && ch == UInt8(ascii: "}"))
                if !matches {
                    throw fail(
                        "f-string: closing parenthesis '\(closing)' does not match opening parenthesis '\(Character(Unicode.Scalar(opening)))'"
                    )
                }
            }
            i += 1
        }
        let exprEnd = min(i, end)
        if quote != 0 { throw fail("f-string: unterminated string") }
        if let opening = nesting.last { throw fail("f-string: unmatched '\(Character(Unicode.Scalar(opening)))'") }
        if i >= end { throw fail("f-string: expecting '}'") }

        let exprBytes = bytes[exprStart..<exprEnd]
        if exprBytes.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 10 || $0 == 12 || $0 == 13 || $0 == 11 }) {
            throw fail("f-string: empty expression not allowed")
        }
        var line = literal.line
        for c in bytes[0..<exprStart] where c == 10 { line += 1 }
        let expr = try parseFieldExpression(exprBytes, line: line)

        var selfDocumenting: String? = nil
        if bytes[i] == UInt8(ascii: "=") {
            i += 1
            while i < end, [32, 9, 10, 11, 12, 13].contains(bytes[i]) { i += 1 }
            if i >= end { throw fail("f-string: expecting '}'") }
            selfDocumenting = String(decoding: bytes[exprStart..<i], as: UTF8.self)
        }
        var conversion: Character? = nil
        if bytes[i] == UInt8(ascii: "!") {
            i += 1
            if i >= end { throw fail("f-string: expecting '}'") }
            let c = bytes[i]
            i += 1
            guard c == UInt8(ascii: "s") || c == UInt8(ascii: "r") || c == UInt8(ascii: "a") else {
                throw fail("f-string: invalid conversion character: expected 's', 'r', or 'a'")
            }
            conversion = Character(Unicode.Scalar(c))
        }
        var spec: [FStringPart]? = nil
        if i < end && bytes[i] == UInt8(ascii: ":") {
            i += 1
            if i >= end { throw fail("f-string: expecting '}'") }
            spec = try parseFStringParts(bytes, &i, end: end, literal: literal, level: level + 1)
        }
        if i >= end || bytes[i] != UInt8(ascii: "}") { throw fail("f-string: expecting '}'") }
        i += 1
        return .field(expr: expr, conversion: conversion, spec: spec, selfDocumenting: selfDocumenting)
    }

    /// Parses a replacement field's expression as CPython does: as `(text)` with the `fstring`
    /// start rule (`star_expressions`), prefixing parser errors with "f-string: ".
    mutating func parseFieldExpression(_ text: ArraySlice<UInt8>, line: Int) throws(SyntaxError) -> Expr {
        var source: [UInt8] = [UInt8(ascii: "(")]
        source.append(contentsOf: text)
        source.append(UInt8(ascii: ")"))
        var lexer = Lexer(String(decoding: source, as: UTF8.self), startLine: line)
        var tokens: [Token] = []
        while true {
            let token = try lexer.next()
            if token.kind == .newline { continue }
            tokens.append(token)
            if token.kind == .endOfFile { break }
        }
        var sub = Parser.State(tokens: tokens, depth: depth)
        sub.functionDepth = functionDepth
        sub.loopDepth = loopDepth
        do throws(SyntaxError) {
            let expr = try sub.parseStarExpressions()
            guard sub.current.kind == .endOfFile else { throw sub.fail(after: expr) }
            if let deferred = sub.deferredError { postpone(deferred) }
            return expr
        } catch {
            var prefixed = error
            if !prefixed.message.hasPrefix("f-string") { prefixed.message = "f-string: " + prefixed.message }
            throw prefixed
        }
    }
}
