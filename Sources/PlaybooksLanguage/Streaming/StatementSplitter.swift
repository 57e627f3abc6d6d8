/// Splits a stream of text chunks (an LLM response) into complete top-level Python statements,
/// as soon as each one is complete.
///
/// Every byte is examined once by a small tokenizer-like state machine (bracket depth, open
/// strings, comments, backslash continuations, indentation, the first word of each top-level
/// line), so the work over a response is linear in its length whatever the chunking.
///
/// Completion rules:
/// - a simple statement is complete at its logical newline at indentation 0;
/// - a compound statement (a line starting with `if`, `for`, `while`, `try`, `def`, `class`,
///   `with`, `async`, `match`, a decorator, or any top-level logical line ending in `:`) is
///   complete when a later non-blank, non-comment line at indentation 0 cannot continue it
///   (`elif`/`else` continue `if`; `except`/`else`/`finally` continue `try`; `else` continues
///   `for`/`while`; `@`, `def`, `class` and `async` continue a decorator), or at ``finish()``.
///   The decision is taken as soon as the first characters of that line rule out a continuation.
///
/// Markdown fences: a line starting (at column 0) with three backticks opens or closes a fenced
/// block. Once a fence has been seen, only text inside fences is code. Before any fence, text is
/// treated as code and its statements are released as they complete (an unfenced response is all
/// code); when the first fence opens, the incomplete text before it is discarded as prose and a
/// ``Output/firstFence`` marker is emitted so a consumer can drop statements it was holding back.
/// Closing a fence completes the statement in progress, like the end of the stream.
///
/// Line endings `\r\n` and `\r` are read as `\n`; statement text always uses `\n`.
public struct StatementSplitter: Sendable, Equatable {
    /// A complete top-level statement.
    public struct Statement: Sendable, Equatable {
        /// Its source text (from the start of its first line, ending with a newline unless the
        /// stream ended without one).
        public var text: String
        /// The number, within the response, of its first line (1-based).
        public var line: Int

        public init(text: String, line: Int) {
            self.text = text
            self.line = line
        }
    }

    /// What the splitter produces, in order.
    public enum Output: Sendable, Equatable {
        case statement(Statement)
        /// The first fence of the response opened: text before it was prose.
        case firstFence
    }

    enum FenceMode: UInt8 { case undecided, inside, outside }
    enum Lex: UInt8 { case code, comment, string, stringEscape, quote1, quote2, triple, tripleEscape }
    enum LineState: UInt8 {
        /// At the start of a logical line, nothing seen.
        case start
        /// Leading whitespace seen.
        case indent
        /// An indentation-0 line: collecting its first word.
        case word
        /// Past the first word / content.
        case body
        /// A blank line that holds only a comment.
        case commentOnly
    }
    enum Kind: UInt8 {
        case none
        /// Not yet known to be compound: complete at its first logical newline unless it ends in `:`.
        case simple
        case ifStmt, ifAfterElse
        case tryStmt, tryAfterElse, tryAfterFinally
        case loop, loopAfterElse
        case decorator
        /// A compound statement that nothing can continue.
        case block
    }

    // Fence and physical-line state.
    var fenceMode: FenceMode = .undecided
    /// The current physical line number within the response.
    public internal(set) var line = 1
    /// Bytes of the current physical line seen so far (only counted up to 3 for fence detection).
    var column = 0
    /// Backticks at the start of the line, held until it is known whether the line is a fence.
    var probe = 0
    /// Skipping the rest of a fence line.
    var inFenceLine = false
    /// The previous byte was `\r` (so a following `\n` is part of the same line ending).
    var afterCR = false

    // Lexical state.
    var lex: Lex = .code
    var quote: UInt8 = 0
    var tripleRun = 0
    var depth = 0
    var pendingBackslash = false
    /// A backslash continuation joined the previous physical line to this one.
    var joined = false

    // Logical-line state.
    var lineState: LineState = .start
    var word: [UInt8] = []
    /// A pending compound statement has been judged (continued or completed) for this line.
    var decided = false
    /// Offset in `buffer` where the current top-level line starts.
    var lineStartOffset = 0
    var lineStartLine = 1
    var lastSignificant: UInt8 = 0

    // Statement state.
    /// Text of the statement in progress (and of the line being decided).
    var buffer: [UInt8] = []
    var kind: Kind = .none
    var statementLine = 1
    var output: [Output] = []
    /// Statements released so far in this response.
    public internal(set) var statementsReleased = 0

    public init() {}

    /// Whether a fence has been seen in this response.
    public var hasSeenFence: Bool { fenceMode != .undecided }

    /// Bytes received but not yet released as part of a statement.
    public var pendingByteCount: Int { buffer.count }

    /// Feeds a chunk of text; complete statements become available from ``take()``.
    public mutating func feed(_ chunk: String) {
        var chunk = chunk
        chunk.withUTF8 { raw in
            for b in raw { feedByte(b) }
        }
    }

    /// Feeds raw UTF-8 bytes (a multi-byte character may be split across calls).
    public mutating func feed(bytes: some Sequence<UInt8>) {
        for b in bytes { feedByte(b) }
    }

    /// Ends the stream: whatever remains becomes the last statement(s).
    public mutating func finish() {
        if probe > 0 { flushProbe() }
        flushStatement()
    }

    /// Returns and clears the outputs produced so far.
    public mutating func take() -> [Output] {
        defer { output.removeAll(keepingCapacity: true) }
        return output
    }

    /// Prepares for a new response (line numbers restart at 1).
    public mutating func reset() {
        self = StatementSplitter()
    }

    // MARK: - Bytes

    mutating func feedByte(_ raw: UInt8) {
        var b = raw
        if afterCR {
            afterCR = false
            if b == 10 { return }
        }
        if b == 13 {
            afterCR = true
            b = 10
        }
        if inFenceLine {
            if b == 10 { endPhysicalLine() }
            return
        }
        // Fence detection at column 0.
        if column < 3 && b == 96 && column == probe {
            probe += 1
            column += 1
            if probe == 3 {
                probe = 0
                fenceLine()
            }
            return
        }
        if probe > 0 { flushProbe() }
        column += 1
        if fenceMode == .outside {
            if b == 10 { endPhysicalLine() }
            return
        }
        code(b)
        if b == 10 { endPhysicalLine() }
    }

    mutating func flushProbe() {
        let n = probe
        probe = 0
        if fenceMode == .outside { return }
        for _ in 0..<n { code(96) }
    }

    mutating func endPhysicalLine() {
        line += 1
        column = 0
        inFenceLine = false
    }

    mutating func fenceLine() {
        inFenceLine = true
        switch fenceMode {
        case .undecided:
            // Everything not yet released was prose.
            buffer.removeAll(keepingCapacity: true)
            kind = .none
            resetLexical()
            fenceMode = .inside
            output.append(.firstFence)
        case .inside:
            flushStatement()
            fenceMode = .outside
        case .outside:
            resetLexical()
            buffer.removeAll(keepingCapacity: true)
            fenceMode = .inside
        }
    }

    mutating func resetLexical() {
        lex = .code
        tripleRun = 0
        depth = 0
        pendingBackslash = false
        joined = false
        lineState = .start
        word.removeAll(keepingCapacity: true)
        decided = false
        lastSignificant = 0
    }

    // MARK: - Code

    static func isIdentifier(_ b: UInt8) -> Bool {
        (b >= 97 && b <= 122) || (b >= 65 && b <= 90) || (b >= 48 && b <= 57) || b == 95 || b >= 0x80
    }

    mutating func code(_ b: UInt8) {
        buffer.append(b)
        step(b)
    }

    mutating func step(_ b: UInt8) {
        switch lex {
        case .comment:
            if b == 10 {
                lex = .code
                step(b)
            }
        case .string:
            if b == 92 {
                lex = .stringEscape
            } else if b == quote {
                lex = .code
                lastSignificant = quote
            } else if b == 10 {
                // Unterminated string: the parser reports it; end the string here.
                lex = .code
                step(b)
            }
        case .stringEscape:
            lex = .string
        case .quote1:
            if b == quote {
                lex = .quote2
            } else {
                lex = .string
                step(b)
            }
        case .quote2:
            if b == quote {
                lex = .triple
                tripleRun = 0
            } else {
                lex = .code
                lastSignificant = quote
                step(b)
            }
        case .triple:
            if b == 92 {
                lex = .tripleEscape
                tripleRun = 0
            } else if b == quote {
                tripleRun += 1
                if tripleRun == 3 {
                    lex = .code
                    lastSignificant = quote
                }
            } else {
                tripleRun = 0
            }
        case .tripleEscape:
            lex = .triple
        case .code:
            codeByte(b)
        }
    }

    mutating func codeByte(_ b: UInt8) {
        if pendingBackslash {
            pendingBackslash = false
            if b == 10 {
                joined = true
                return
            }
        }
        let isSpace = b == 32 || b == 9 || b == 12
        if depth == 0 && !joined {
            switch lineState {
            case .start:
                if isSpace {
                    lineState = .indent
                    return
                }
                if endsBlankOrStartsComment(b) { return }
                // A line at indentation 0 with content.
                lineStartOffset = buffer.count - 1
                lineStartLine = line
                decided = false
                word.removeAll(keepingCapacity: true)
                if Self.isIdentifier(b) {
                    lineState = .word
                    word.append(b)
                    checkWordPrefix()
                    return
                }
                lineState = .body
                wordComplete(firstByte: b)
            case .indent:
                if isSpace { return }
                if endsBlankOrStartsComment(b) { return }
                lineState = .body
                if kind == .none {
                    // An indented line with nothing to belong to: its own statement (the parser
                    // reports the unexpected indent).
                    let start = lineStartOfIndented()
                    startStatement(at: start, line: line, kind: .simple)
                }
            case .word:
                if Self.isIdentifier(b) {
                    word.append(b)
                    checkWordPrefix()
                    return
                }
                lineState = .body
                wordComplete(firstByte: word.first ?? b)
            case .commentOnly:
                if b == 10 {
                    blankLine()
                    return
                }
            case .body:
                break
            }
        }
        switch b {
        case 35:
            lex = .comment
        case 34, 39:
            quote = b
            lex = .quote1
        case 40, 91, 123:
            depth += 1
            lastSignificant = b
        case 41, 93, 125:
            if depth > 0 { depth -= 1 }
            lastSignificant = b
        case 92:
            pendingBackslash = true
        case 10:
            joined = false
            if depth == 0 { logicalNewline() }
        default:
            if !isSpace { lastSignificant = b }
        }
    }

    /// Offset in `buffer` of the start of the current physical line (for an indented line).
    func lineStartOfIndented() -> Int {
        var i = buffer.count - 1
        while i > 0 && buffer[i - 1] != 10 { i -= 1 }
        return i
    }

    /// At the start of a line's content: a newline ends a blank line, a `#` starts a comment-only line. Whether
    /// `b` was one of them (and is handled).
    @inline(__always) mutating func endsBlankOrStartsComment(_ b: UInt8) -> Bool {
        if b == 10 {
            blankLine()
            return true
        }
        if b == 35 {
            lineState = .commentOnly
            lex = .comment
            return true
        }
        return false
    }

    mutating func blankLine() {
        lineState = .start
        lastSignificant = 0
        if kind == .none { buffer.removeAll(keepingCapacity: true) }
    }

    /// Words that can continue the pending statement.
    func continuations() -> [String] {
        switch kind {
        case .ifStmt: return ["elif", "else"]
        case .tryStmt: return ["except", "else", "finally"]
        case .tryAfterElse: return ["finally"]
        case .loop: return ["else"]
        case .decorator: return ["def", "class", "async"]
        default: return []
        }
    }

    /// While the first word of a top-level line arrives: decide early once no continuation
    /// keyword can match.
    mutating func checkWordPrefix() {
        guard !decided, kind != .none else { return }
        let candidates = continuations()
        let matches = candidates.contains { $0.utf8.count >= word.count && $0.utf8.starts(with: word) }
        if !matches {
            decided = true
            completePending(upTo: lineStartOffset)
        }
    }

    /// The first word of a top-level line is known (`firstByte` is its first byte, for `@`).
    mutating func wordComplete(firstByte: UInt8) {
        let w = String(decoding: word, as: UTF8.self)
        if !decided && kind != .none {
            decided = true
            if firstByte == 64 && kind == .decorator {
                return
            }
            if continuations().contains(w) {
                switch (kind, w) {
                case (.ifStmt, "else"): kind = .ifAfterElse
                case (.tryStmt, "else"): kind = .tryAfterElse
                case (.tryStmt, "finally"), (.tryAfterElse, "finally"): kind = .tryAfterFinally
                case (.loop, _): kind = .loopAfterElse
                case (.decorator, _): kind = .block
                default: break
                }
                return
            }
            completePending(upTo: lineStartOffset)
        }
        if kind == .none {
            let newKind: Kind
            switch w {
            case "if": newKind = .ifStmt
            case "try": newKind = .tryStmt
            case "for", "while": newKind = .loop
            case "def", "class", "with", "async": newKind = .block
            default: newKind = firstByte == 64 ? .decorator : .simple
            }
            startStatement(at: lineStartOffset, line: lineStartLine, kind: newKind)
        }
    }

    mutating func startStatement(at offset: Int, line: Int, kind: Kind) {
        if offset > 0 { buffer.removeFirst(offset) }
        lineStartOffset = 0
        statementLine = line
        self.kind = kind
    }

    mutating func logicalNewline() {
        if lineState == .word {
            lineState = .body
            wordComplete(firstByte: word.first ?? 10)
        }
        if kind == .simple {
            if lastSignificant == 58 {
                kind = .block
            } else {
                completePending(upTo: buffer.count)
            }
        }
        lineState = .start
        lastSignificant = 0
    }

    /// Releases the pending statement as `buffer[..<end]`.
    mutating func completePending(upTo end: Int) {
        guard kind != .none else { return }
        let text = String(decoding: buffer[..<end], as: UTF8.self)
        output.append(.statement(Statement(text: text, line: statementLine)))
        statementsReleased += 1
        buffer.removeFirst(end)
        lineStartOffset -= end
        if lineStartOffset < 0 { lineStartOffset = 0 }
        kind = .none
    }

    /// End of stream or of a fenced block: release the pending statement and any trailing text.
    mutating func flushStatement() {
        if lex == .code && depth == 0 && lineState == .word {
            lineState = .body
            wordComplete(firstByte: word.first ?? 0)
        }
        if kind == .none {
            // Trailing text that never started a statement (an unfinished first line inside a
            // string or brackets, or only blank lines and comments).
            if lineState == .body || lex != .code && lex != .comment || depth > 0 {
                if buffer.contains(where: { $0 != 32 && $0 != 9 && $0 != 10 && $0 != 12 }) {
                    kind = .simple
                    statementLine = lineStartLine
                }
            }
        }
        if kind != .none { completePending(upTo: buffer.count) }
        buffer.removeAll(keepingCapacity: true)
        resetLexical()
    }
}
