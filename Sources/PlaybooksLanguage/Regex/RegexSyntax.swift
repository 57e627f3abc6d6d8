// Abstract syntax for the Python-compatible regular-expression engine.

/// Flags with the same numeric values as Python's `re` module.
struct RegexFlags: OptionSet, Sendable, Hashable {
    let rawValue: Int
    init(rawValue: Int) { self.rawValue = rawValue }

    static let ignoreCase = RegexFlags(rawValue: 2)  // re.I
    static let locale = RegexFlags(rawValue: 4)  // re.L (rejected for str patterns)
    static let multiline = RegexFlags(rawValue: 8)  // re.M
    static let dotAll = RegexFlags(rawValue: 16)  // re.S
    static let unicode = RegexFlags(rawValue: 32)  // re.U (default for str patterns)
    static let verbose = RegexFlags(rawValue: 64)  // re.X
    static let ascii = RegexFlags(rawValue: 256)  // re.A
}

/// A compile-time (or template) error, mirroring Python's `re.error`.
struct RegexError: Error, Sendable, CustomStringConvertible {
    enum Kind: Sendable { case error, indexError, overflowError, valueError, recursionError }
    /// The full text Python shows for `str(err)`, e.g. "nothing to repeat at position 0".
    let message: String
    /// Position in the pattern (Unicode-scalar offset), when Python reports one.
    let position: Int?
    /// The message without the position suffix (Python's `err.msg`).
    let bareMessage: String
    /// Which Python exception class this corresponds to (`re.error` for `.error`).
    let kind: Kind

    init(_ bare: String, position: Int? = nil, pattern: [Unicode.Scalar]? = nil, kind: Kind = .error) {
        self.bareMessage = bare
        self.position = position
        self.kind = kind
        var text = bare
        if let position {
            text += " at position \(position)"
            if let pattern, pattern.contains("\n") {
                var line = 1
                var lineStart = 0
                for i in 0..<min(position, pattern.count) where pattern[i] == "\n" {
                    line += 1
                    lineStart = i + 1
                }
                text += " (line \(line), column \(position - lineStart + 1))"
            }
        }
        self.message = text
    }

    var description: String { message }
}

/// Zero-width position tests.
enum RegexAnchor: Sendable, Equatable {
    case beginText  // ^ without MULTILINE, \A
    case beginLine  // ^ with MULTILINE
    case endTextOrNewline  // $ without MULTILINE: end, or before a final "\n"
    case endLine  // $ with MULTILINE
    case endText  // \Z
    case wordBoundary(ascii: Bool)
    case notWordBoundary(ascii: Bool)
}

enum RegexRepeatKind: Sendable { case greedy, lazy, possessive }

/// Parsed pattern tree.
indirect enum RegexNode: Sendable {
    case empty
    case single(RegexCharMatcher)
    case sequence([RegexNode])
    case alternation([RegexNode])
    case group(Int, RegexNode)
    case repetition(RegexNode, min: Int, max: Int, kind: RegexRepeatKind)  // max == Int.max: unbounded
    case anchor(RegexAnchor)
    case backreference(Int, ignoreCase: Bool, ascii: Bool)
    case lookaround(behind: Bool, negated: Bool, RegexNode)
    case atomic(RegexNode)
    case conditional(group: Int, yes: RegexNode, no: RegexNode)
}
