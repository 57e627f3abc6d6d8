/// The tokenizer: turns source text into ``Token``s following CPython 3.11's tokenizer rules
/// (INDENT/DEDENT from an indentation stack, implicit line joining inside brackets, backslash
/// continuation, comments, blank lines).
///
/// All state lives in this plain value; call ``next()`` repeatedly until it returns
/// ``TokenKind/endOfFile``, or use ``tokenize()``. Line endings `\r\n` and `\r` are read as `\n`,
/// a leading byte-order mark is skipped, and a missing final newline is supplied.
public struct Lexer: Sendable {
    struct Bracket: Sendable {
        var char: UInt8
        var line: Int
        var column: Int
    }

    /// The normalized source bytes (always ending in `\n` unless empty).
    let bytes: [UInt8]
    var pos = 0
    /// The current line number.
    public internal(set) var line: Int
    /// Byte offset where the current physical line starts.
    var lineStart = 0
    /// The number of the last line of the source (where end-of-file tokens are reported).
    let lastLine: Int
    var indents: [Int] = [0]
    var altIndents: [Int] = [0]
    var brackets: [Bracket] = []
    /// Positive: INDENT tokens still to emit; negative: DEDENT tokens still to emit.
    var pendingIndents = 0
    var pendingLine = 0
    var pendingColumn = 0
    var atLineStart = true
    var blankLine = false
    var finished = false

    /// The maximum bracket nesting (CPython's MAXLEVEL).
    static let maxBracketDepth = 200
    /// The maximum indentation nesting (CPython's MAXINDENT).
    static let maxIndentDepth = 100

    /// Creates a tokenizer for `source`, numbering its first line `startLine`.
    public init(_ source: String, startLine: Int = 1) {
        var normalized: [UInt8] = []
        var newlines = 0
        var source = source
        source.withUTF8 { raw in
            normalized.reserveCapacity(raw.count + 1)
            var i = 0
            if raw.count >= 3 && raw[0] == 0xEF && raw[1] == 0xBB && raw[2] == 0xBF { i = 3 }
            while i < raw.count {
                let c = raw[i]
                if c == 13 {
                    normalized.append(10)
                    newlines += 1
                    if i + 1 < raw.count && raw[i + 1] == 10 { i += 1 }
                } else {
                    if c == 10 { newlines += 1 }
                    normalized.append(c)
                }
                i += 1
            }
        }
        if let last = normalized.last, last != 10 {
            normalized.append(10)
            newlines += 1
        }
        bytes = normalized
        line = startLine
        lastLine = startLine + max(0, newlines - 1)
    }

    /// True when no bracket is open and no indented block is pending, i.e. the text so far
    /// ends a complete statement (useful to a streaming reader deciding whether to read more).
    public var isAtTopLevel: Bool { brackets.isEmpty && indents.count == 1 }

    /// Tokenizes the whole source, ending with an ``TokenKind/endOfFile`` token.
    public mutating func tokenize() throws(SyntaxError) -> [Token] {
        var tokens: [Token] = []
        while true {
            let token = try next()
            tokens.append(token)
            if token.kind == .endOfFile { return tokens }
        }
    }

    @inline(__always) func byte(_ i: Int) -> UInt8 { i < bytes.count ? bytes[i] : 0 }

    func error(
        _ message: String, line: Int? = nil, at position: Int? = nil, kind: String = "SyntaxError"
    )
        -> SyntaxError
    {
        let p = position ?? pos
        return SyntaxError(message, line: line ?? self.line, column: max(1, p - lineStart + 1), kind: kind)
    }

    /// Returns the next token.
    public mutating func next() throws(SyntaxError) -> Token {
        while true {
            if pendingIndents > 0 {
                pendingIndents -= 1
                return Token(.indent, line: pendingLine, column: pendingColumn)
            }
            if pendingIndents < 0 {
                pendingIndents += 1
                return Token(.dedent, line: pendingLine, column: pendingColumn)
            }
            if finished { return Token(.endOfFile, line: lastLine, column: 1) }
            if atLineStart {
                try measureIndentation()
                if pendingIndents != 0 { continue }
            }
            while pos < bytes.count, bytes[pos] == 32 || bytes[pos] == 9 || bytes[pos] == 12 { pos += 1 }
            if pos >= bytes.count {
                if let open = brackets.last {
                    throw SyntaxError(
                        "'\(Character(Unicode.Scalar(open.char)))' was never closed", line: open.line,
                        column: open.column)
                }
                finished = true
                continue
            }
            let start = pos
            let column = pos - lineStart + 1
            let c = bytes[pos]
            switch c {
            case UInt8(ascii: "#"):
                while pos < bytes.count && bytes[pos] != 10 { pos += 1 }
                continue
            case 10:
                let newlineLine = line
                pos += 1
                line += 1
                lineStart = pos
                atLineStart = true
                if blankLine || !brackets.isEmpty { continue }
                return Token(.newline, line: newlineLine, column: column)
            case UInt8(ascii: "\\"):
                try continueLine()
                continue
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                return Token(.number(try scanNumber()), line: line, column: column)
            case UInt8(ascii: "."):
                let d = byte(pos + 1)
                if d >= UInt8(ascii: "0") && d <= UInt8(ascii: "9") {
                    return Token(.number(try scanNumber()), line: line, column: column)
                }
                if d == UInt8(ascii: ".") && byte(pos + 2) == UInt8(ascii: ".") {
                    pos += 3
                    return Token(.op(.ellipsis), line: line, column: column)
                }
                pos += 1
                return Token(.op(.dot), line: line, column: column)
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                let literal = try scanString(prefixStart: start, raw: false, formatted: false, bytes: false)
                return Token(.string(literal), line: literal.line, column: column)
            case UInt8(ascii: "$"):
                if isIdentifierStart(byte(pos + 1)) {
                    pos += 1
                    let name = try scanIdentifier()
                    return Token(.stateVariable(name), line: line, column: column)
                }
                throw error("invalid syntax")
            case 0:
                throw error("source code cannot contain null bytes")
            default:
                break
            }
            if isIdentifierStart(c) {
                if let literal = try scanPrefixedString() {
                    return Token(.string(literal), line: literal.line, column: column)
                }
                let name = try scanIdentifier()
                if let keyword = Lexer.keywords[name] {
                    return Token(.keyword(keyword), line: line, column: column)
                }
                return Token(.name(name), line: line, column: column)
            }
            return Token(.op(try scanOperator()), line: line, column: column)
        }
    }

    /// Consumes a backslash that must be followed by a newline.
    mutating func continueLine() throws(SyntaxError) {
        guard byte(pos + 1) == 10 else {
            throw error("unexpected character after line continuation character", at: pos + 1)
        }
        pos += 2
        line += 1
        lineStart = pos
        if pos >= bytes.count {
            throw SyntaxError("unexpected EOF while parsing", line: lastLine, column: 1)
        }
    }

    /// Handles the indentation at the start of a physical line, queueing INDENT/DEDENT tokens.
    mutating func measureIndentation() throws(SyntaxError) {
        atLineStart = false
        var col = 0
        var alt = 0
        var continuationColumn: Int? = nil
        while pos < bytes.count {
            let c = bytes[pos]
            if c == 32 {
                col += 1
                alt += 1
            } else if c == 9 {
                col = (col / 8 + 1) * 8
                alt += 1
            } else if c == 12 {
                col = 0
                alt = 0
            } else if c == UInt8(ascii: "\\") {
                continuationColumn = continuationColumn ?? col
                try continueLine()
                continue
            } else {
                break
            }
            pos += 1
        }
        blankLine = pos < bytes.count && (bytes[pos] == UInt8(ascii: "#") || bytes[pos] == 10)
        guard !blankLine && brackets.isEmpty else { return }
        if let c = continuationColumn {
            col = c
            alt = c
        }
        let top = indents[indents.count - 1]
        let altTop = altIndents[altIndents.count - 1]
        let tabError = error("inconsistent use of tabs and spaces in indentation", kind: "TabError")
        if col == top {
            if alt != altTop { throw tabError }
        } else if col > top {
            if indents.count >= Lexer.maxIndentDepth {
                throw error("too many levels of indentation", kind: "IndentationError")
            }
            if alt <= altTop { throw tabError }
            indents.append(col)
            altIndents.append(alt)
            pendingIndents = 1
        } else {
            var count = 0
            while indents.count > 1 && col < indents[indents.count - 1] {
                indents.removeLast()
                altIndents.removeLast()
                count += 1
            }
            if col != indents[indents.count - 1] {
                throw error("unindent does not match any outer indentation level", kind: "IndentationError")
            }
            if alt != altIndents[altIndents.count - 1] { throw tabError }
            pendingIndents = -count
        }
        pendingLine = min(line, lastLine)
        pendingColumn = pos - lineStart + 1
    }

    @inline(__always) func isIdentifierStart(_ c: UInt8) -> Bool {
        (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c == 95 || c >= 128
    }

    @inline(__always) func isIdentifierContinue(_ c: UInt8) -> Bool {
        isIdentifierStart(c) || (c >= 48 && c <= 57)
    }

    /// Scans an identifier at `pos`, checking non-ASCII characters against XID_Start/XID_Continue.
    mutating func scanIdentifier() throws(SyntaxError) -> String {
        let start = pos
        var ascii = true
        while pos < bytes.count && isIdentifierContinue(bytes[pos]) {
            if bytes[pos] >= 128 { ascii = false }
            pos += 1
        }
        let text = String(decoding: bytes[start..<pos], as: UTF8.self)
        if ascii { return text }
        var offset = start
        var first = true
        for scalar in text.unicodeScalars {
            let ok: Bool
            if scalar.value < 128 {
                ok = true
            } else {
                ok = first ? scalar.properties.isXIDStart : scalar.properties.isXIDContinue
            }
            if !ok {
                pos = offset
                if Lexer.isPrintable(scalar) {
                    throw error("invalid character '\(Character(scalar))' (U+\(Lexer.hex4(scalar.value)))", at: offset)
                }
                throw error("invalid non-printable character U+\(Lexer.hex4(scalar.value))", at: offset)
            }
            first = false
            offset += UTF8.width(scalar)
        }
        return text
    }

    static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == " " { return true }
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator,
            .paragraphSeparator, .spaceSeparator:
            return false
        default:
            return true
        }
    }

    static let keywords: [String: ReservedWord] = {
        var table: [String: ReservedWord] = [:]
        for keyword in ReservedWord.allCases { table[keyword.rawValue] = keyword }
        return table
    }()

    /// Scans an operator or delimiter, tracking bracket nesting.
    mutating func scanOperator() throws(SyntaxError) -> Operator {
        let c = bytes[pos]
        let d = byte(pos + 1)
        let e = byte(pos + 2)
        if let three = Lexer.threeCharOperator(c, d, e) {
            pos += 3
            return three
        }
        if let two = Lexer.twoCharOperator(c, d) {
            pos += 2
            return two
        }
        let single: Operator
        switch c {
        case UInt8(ascii: "("): single = .leftParen
        case UInt8(ascii: "["): single = .leftBracket
        case UInt8(ascii: "{"): single = .leftBrace
        case UInt8(ascii: ")"): single = .rightParen
        case UInt8(ascii: "]"): single = .rightBracket
        case UInt8(ascii: "}"): single = .rightBrace
        case UInt8(ascii: ":"): single = .colon
        case UInt8(ascii: ","): single = .comma
        case UInt8(ascii: ";"): single = .semicolon
        case UInt8(ascii: "+"): single = .plus
        case UInt8(ascii: "-"): single = .minus
        case UInt8(ascii: "*"): single = .star
        case UInt8(ascii: "/"): single = .slash
        case UInt8(ascii: "|"): single = .pipe
        case UInt8(ascii: "&"): single = .ampersand
        case UInt8(ascii: "<"): single = .less
        case UInt8(ascii: ">"): single = .greater
        case UInt8(ascii: "="): single = .assign
        case UInt8(ascii: "%"): single = .percent
        case UInt8(ascii: "~"): single = .tilde
        case UInt8(ascii: "^"): single = .caret
        case UInt8(ascii: "@"): single = .at
        default:
            if c < 32 || c == 127 {
                throw error("invalid non-printable character U+\(Lexer.hex4(UInt32(c)))")
            }
            throw error("invalid syntax")
        }
        switch single {
        case .leftParen, .leftBracket, .leftBrace:
            if brackets.count >= Lexer.maxBracketDepth { throw error("too many nested parentheses") }
            brackets.append(Bracket(char: c, line: line, column: pos - lineStart + 1))
        case .rightParen, .rightBracket, .rightBrace:
            guard let open = brackets.popLast() else {
                throw error("unmatched '\(Character(Unicode.Scalar(c)))'")
            }
            let expected: UInt8 =
                open.char == UInt8(ascii: "(")
                ? UInt8(ascii: ")")
                : open.char == UInt8(ascii: "[") ? UInt8(ascii: "]") : UInt8(ascii: "}")
            if c != expected {
                let closing = Character(Unicode.Scalar(c))
                let opening = Character(Unicode.Scalar(open.char))
                if open.line != line {
                    throw error(
                        "closing parenthesis '\(closing)' does not match opening parenthesis '\(opening)' on line \(open.line)"
                    )
                }
                throw error("closing parenthesis '\(closing)' does not match opening parenthesis '\(opening)'")
            }
        default:
            break
        }
        pos += 1
        return single
    }

    static func threeCharOperator(_ c: UInt8, _ d: UInt8, _ e: UInt8) -> Operator? {
        guard e == UInt8(ascii: "=") else { return nil }
        switch (c, d) {
        case (UInt8(ascii: "*"), UInt8(ascii: "*")): return .doubleStarAssign
        case (UInt8(ascii: "/"), UInt8(ascii: "/")): return .doubleSlashAssign
        case (UInt8(ascii: "<"), UInt8(ascii: "<")): return .leftShiftAssign
        case (UInt8(ascii: ">"), UInt8(ascii: ">")): return .rightShiftAssign
        default: return nil
        }
    }

    static func twoCharOperator(_ c: UInt8, _ d: UInt8) -> Operator? {
        if d == UInt8(ascii: "=") {
            switch c {
            case UInt8(ascii: "!"): return .notEqual
            case UInt8(ascii: "%"): return .percentAssign
            case UInt8(ascii: "&"): return .ampersandAssign
            case UInt8(ascii: "*"): return .starAssign
            case UInt8(ascii: "+"): return .plusAssign
            case UInt8(ascii: "-"): return .minusAssign
            case UInt8(ascii: "/"): return .slashAssign
            case UInt8(ascii: ":"): return .walrus
            case UInt8(ascii: "<"): return .lessEqual
            case UInt8(ascii: "="): return .equal
            case UInt8(ascii: ">"): return .greaterEqual
            case UInt8(ascii: "@"): return .atAssign
            case UInt8(ascii: "^"): return .caretAssign
            case UInt8(ascii: "|"): return .pipeAssign
            default: return nil
            }
        }
        switch (c, d) {
        case (UInt8(ascii: "*"), UInt8(ascii: "*")): return .doubleStar
        case (UInt8(ascii: "/"), UInt8(ascii: "/")): return .doubleSlash
        case (UInt8(ascii: "<"), UInt8(ascii: "<")): return .leftShift
        case (UInt8(ascii: ">"), UInt8(ascii: ">")): return .rightShift
        case (UInt8(ascii: "-"), UInt8(ascii: ">")): return .arrow
        default: return nil
        }
    }
}
