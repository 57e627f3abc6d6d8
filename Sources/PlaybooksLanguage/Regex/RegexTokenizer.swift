// The tokenizer of Python `re` patterns (CPython 3.11 error messages and positions).

struct RegexParseResult {
    var root: RegexNode
    var groupCount: Int
    var groupNames: [String: Int]
    var flags: RegexFlags
    var groupWidths: [(Int, Int)]
}

/// One token of the pattern: a plain scalar or a backslash escape pair.
enum RegexToken: Equatable {
    case plain(Unicode.Scalar)
    case escape(Unicode.Scalar)

    var text: String {
        switch self {
        case .plain(let c): return String(Character(c))
        case .escape(let c): return "\\" + String(Character(c))
        }
    }
    var length: Int {
        if case .plain = self { return 1 }
        return 2
    }
}

/// Shared tokenizer (also used by the template parser).
struct RegexTokenizer {
    let source: [Unicode.Scalar]
    private(set) var index = 0
    private(set) var next: RegexToken?

    init(_ source: [Unicode.Scalar]) throws(RegexError) {
        self.source = source
        try advance()
    }

    mutating func advance() throws(RegexError) {
        guard index < source.count else {
            next = nil
            return
        }
        let c = source[index]
        if c == "\\" {
            guard index + 1 < source.count else {
                throw RegexError("bad escape (end of pattern)", position: source.count - 1, pattern: source)
            }
            next = .escape(source[index + 1])
            index += 2
        } else {
            next = .plain(c)
            index += 1
        }
    }

    var tell: Int { index - (next?.length ?? 0) }

    mutating func seek(_ i: Int) throws(RegexError) {
        index = i
        try advance()
    }

    mutating func get() throws(RegexError) -> RegexToken? {
        let t = next
        try advance()
        return t
    }

    mutating func match(_ c: Unicode.Scalar) throws(RegexError) -> Bool {
        if next == .plain(c) {
            try advance()
            return true
        }
        return false
    }

    func isNext(_ c: Unicode.Scalar) -> Bool { next == .plain(c) }

    var nextPlain: Unicode.Scalar? {
        if case .plain(let c) = next { return c }
        return nil
    }

    mutating func getWhile(_ n: Int, _ pred: (Unicode.Scalar) -> Bool) throws(RegexError) -> String {
        var result = ""
        for _ in 0..<n {
            guard let c = nextPlain, pred(c) else { break }
            result.unicodeScalars.append(c)
            try advance()
        }
        return result
    }

    func error(_ msg: String, _ offset: Int = 0) -> RegexError {
        RegexError(msg, position: tell - offset, pattern: source)
    }

    mutating func getUntil(_ terminator: Unicode.Scalar, _ name: String) throws(RegexError) -> String {
        var result = ""
        var length = 0
        while true {
            let c = next
            try advance()
            guard let c else {
                if length == 0 { throw error("missing " + name) }
                throw error("missing \(Character(terminator)), unterminated name", length)
            }
            if c == .plain(terminator) {
                if length == 0 { throw error("missing " + name, 1) }
                break
            }
            result += c.text
            length += c.length
        }
        return result
    }

    func checkGroupName(_ name: String, _ offset: Int) throws(RegexError) {
        if !RegexSyntaxHelpers.isIdentifier(name) {
            throw error(
                "bad character in group name \(VirtualMachine.quoteText(name))",
                name.unicodeScalars.count + offset)
        }
    }
}
