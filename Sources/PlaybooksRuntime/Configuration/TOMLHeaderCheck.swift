/// Finds table headers that the TOML parser under TOMLKit (toml++) cannot be given.
///
/// toml++ asserts that the key of a table header starts with a bare-key character or a quote: `[/x]`, `[.a]`,
/// `[[#x]]` or a `[` alone on its line abort a debug build (`assert`), and in a release build the assertion is an
/// optimiser assumption, so what follows is undefined. The reader runs this check first, so that such a header is a
/// ``ConfigurationError`` like any other TOML syntax error.
///
/// The scan follows just enough of TOML to know where a header can stand: at the top level (not inside an array or
/// inline table), first on its line, not inside a string or comment.
enum TOMLHeaderCheck {
    /// The 1-based line of the first table header (`[...]` or `[[...]]`) whose key starts with anything but a bare-key
    /// character (`A-Z a-z 0-9 _ -`), a quote, or the `]` that toml++ reports as an empty key itself; `nil` when
    /// every header can be parsed.
    static func firstUnparsableHeaderLine(in text: String) -> Int? {
        var scanner = Scanner(bytes: Array(text.utf8))
        return scanner.run()
    }

    private enum StringKind {
        case none, basic, literal, multilineBasic, multilineLiteral
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0
        var line = 1
        var depth = 0
        var string = StringKind.none
        var inComment = false
        var inHeader = false
        var atLineStart = true

        init(bytes: [UInt8]) { self.bytes = bytes }

        func byte(at i: Int) -> UInt8? { i < bytes.count ? bytes[i] : nil }

        func isTripled(_ quote: UInt8, at i: Int) -> Bool { byte(at: i + 1) == quote && byte(at: i + 2) == quote }

        mutating func newline() {
            line += 1
            atLineStart = true
            inHeader = false
            inComment = false
        }

        mutating func run() -> Int? {
            // A byte-order mark, which toml++ skips, does not start the first line's content.
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
            while index < bytes.count {
                let b = bytes[index]
                index += 1
                if b == UInt8(ascii: "\n") {
                    // A newline ends a comment and (as an error toml++ reports) a one-line string.
                    if string == .basic || string == .literal { string = .none }
                    newline()
                    continue
                }
                if inComment { continue }
                switch string {
                case .basic:
                    if b == UInt8(ascii: "\\") {
                        skipEscaped()
                    } else if b == UInt8(ascii: "\"") {
                        string = .none
                    }
                    continue
                case .literal:
                    if b == UInt8(ascii: "'") { string = .none }
                    continue
                case .multilineBasic:
                    if b == UInt8(ascii: "\\") {
                        skipEscaped()
                    } else if b == UInt8(ascii: "\""), isTripled(b, at: index - 1) {
                        index += 2
                        string = .none
                    }
                    continue
                case .multilineLiteral:
                    if b == UInt8(ascii: "'"), isTripled(b, at: index - 1) {
                        index += 2
                        string = .none
                    }
                    continue
                case .none:
                    break
                }
                switch b {
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                    continue
                case UInt8(ascii: "#"):
                    inComment = true
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    let tripled = isTripled(b, at: index - 1)
                    if tripled { index += 2 }
                    string = b == UInt8(ascii: "\"") ? (tripled ? .multilineBasic : .basic) : (tripled ? .multilineLiteral : .literal)
                case UInt8(ascii: "[") where depth == 0 && atLineStart:
                    inHeader = true
                    if !headerKeyCanBeParsed() { return line }
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    if !inHeader { depth += 1 }
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    if !inHeader { depth = max(0, depth - 1) }
                default:
                    break
                }
                atLineStart = false
            }
            return nil
        }

        /// Skips the byte after a backslash in a basic string (counting it when it is a line break).
        mutating func skipEscaped() {
            guard index < bytes.count else { return }
            if bytes[index] == UInt8(ascii: "\n") { line += 1 }
            index += 1
        }

        /// After the `[` of a header: whether the key (after a second `[` and blanks) starts where toml++ expects.
        func headerKeyCanBeParsed() -> Bool {
            var i = index
            if byte(at: i) == UInt8(ascii: "[") { i += 1 }
            while let c = byte(at: i), c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") { i += 1 }
            guard let c = byte(at: i) else { return true }
            switch c {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "]"):
                return true
            default:
                return false
            }
        }
    }
}
