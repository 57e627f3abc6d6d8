// Parser for Python `re` pattern syntax, producing a `RegexNode` tree.
// Error messages and positions follow CPython 3.11.

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
                "bad character in group name \(RegexSyntaxHelpers.pyRepr(name))",
                name.unicodeScalars.count + offset)
        }
    }
}

enum RegexSyntaxHelpers {
    static let maxRepeat = 4_294_967_295
    static let maxGroups = 1_073_741_823

    static func isIdentifier(_ s: String) -> Bool {
        var first = true
        for c in s.unicodeScalars {
            if first {
                if !(c == "_" || c.properties.isXIDStart) { return false }
                first = false
            } else if !c.properties.isXIDContinue {
                return false
            }
        }
        return !first
    }

    /// Python's repr() of a str (enough for error messages).
    static func pyRepr(_ s: String) -> String {
        let useDouble = s.contains("'") && !s.contains("\"")
        let quote: Unicode.Scalar = useDouble ? "\"" : "'"
        var out = String(Character(quote))
        for c in s.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if c == quote {
                    out += "\\" + String(Character(quote))
                } else if c.value < 0x20 || c.value == 0x7f {
                    out += "\\x" + hex(c.value, 2)
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        out.unicodeScalars.append(quote)
        return out
    }

    static func hex(_ v: UInt32, _ width: Int) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    static func isHexDigit(_ c: Unicode.Scalar) -> Bool {
        (c >= "0" && c <= "9") || (c >= "a" && c <= "f") || (c >= "A" && c <= "F")
    }
    static func isOctDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "7" }
    static func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }
    static func isASCIILetter(_ c: Unicode.Scalar) -> Bool {
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z")
    }

    /// Simple escapes shared by patterns, classes and templates (\b excluded: context dependent).
    static func simpleEscape(_ c: Unicode.Scalar) -> UInt32? {
        switch c {
        case "a": return 7
        case "f": return 12
        case "n": return 10
        case "r": return 13
        case "t": return 9
        case "v": return 11
        case "\\": return 92
        default: return nil
        }
    }

    /// Python's int(str) for group numbers: surrounding whitespace, a sign, Unicode decimal digits
    /// and single underscores between digits are accepted. Overflow saturates.
    static func pythonInt(_ s: String) -> Int? {
        var scalars = Array(s.unicodeScalars)
        while let f = scalars.first, RegexUnicode.isSpace(f.value, ascii: false) { scalars.removeFirst() }
        while let l = scalars.last, RegexUnicode.isSpace(l.value, ascii: false) { scalars.removeLast() }
        var negative = false
        if let f = scalars.first, f == "+" || f == "-" {
            negative = f == "-"
            scalars.removeFirst()
        }
        guard !scalars.isEmpty else { return nil }
        var value = 0
        var previousUnderscore = true
        for c in scalars {
            if c == "_" {
                if previousUnderscore { return nil }
                previousUnderscore = true
                continue
            }
            guard c.properties.generalCategory == .decimalNumber, let d = c.properties.numericValue else { return nil }
            previousUnderscore = false
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int(d))
            value = (o1 || o2) ? Int.max : a
        }
        if previousUnderscore { return nil }
        return negative ? -value : value
    }

    static func parseInt(_ s: String, radix: Int) -> Int? {
        var v = 0
        if s.isEmpty { return nil }
        for c in s.unicodeScalars {
            guard let d = Int(String(c), radix: radix) else { return nil }
            let (m, o1) = v.multipliedReportingOverflow(by: radix)
            let (a, o2) = m.addingReportingOverflow(d)
            if o1 || o2 { return Int.max }
            v = a
        }
        return v
    }
}

struct RegexParser {
    private var tok: RegexTokenizer
    private var flags: RegexFlags
    private var groupNames: [String: Int] = [:]
    private var groupWidths: [(Int, Int)?] = [(0, 0)]  // index 0 = whole match (unused)
    private var lookbehindGroups: Int? = nil
    private var groupRefPos: [Int: Int] = [:]
    /// Current parenthesis nesting; bounded so parsing, compiling and matching never exhaust the
    /// Swift call stack (CPython raises RecursionError at a similar depth).
    private var depth = 0
    static let maxNesting = 200

    private static let templateFlag = RegexFlags(rawValue: 1)
    private static let typeFlags: RegexFlags = [.ascii, .locale, .unicode]

    private enum ItemKind { case anchor, repetition, other }

    private struct Scope {
        var add: RegexFlags = []
        var del: RegexFlags = []
    }

    static func parse(_ pattern: String, flags: RegexFlags) throws(RegexError) -> RegexParseResult {
        var parser = try RegexParser(Array(pattern.unicodeScalars), flags: flags)
        return try parser.run()
    }

    private init(_ source: [Unicode.Scalar], flags: RegexFlags) throws(RegexError) {
        tok = try RegexTokenizer(source)
        self.flags = flags
    }

    private mutating func run() throws(RegexError) -> RegexParseResult {
        let root = try parseSub(verbose: flags.contains(.verbose), nested: 0, scope: Scope())
        if flags.contains(.locale) {
            throw RegexError("cannot use LOCALE flag with a str pattern", kind: .valueError)
        }
        if flags.contains(.ascii) && flags.contains(.unicode) {
            throw RegexError("ASCII and UNICODE flags are incompatible", kind: .valueError)
        }
        if tok.next != nil {
            throw tok.error("unbalanced parenthesis")
        }
        for (g, pos) in groupRefPos.sorted(by: { $0.value < $1.value }) where g >= groupWidths.count {
            throw RegexError("invalid group reference \(g)", position: pos, pattern: tok.source)
        }
        return RegexParseResult(
            root: root, groupCount: groupWidths.count - 1, groupNames: groupNames,
            flags: flags, groupWidths: groupWidths.map { $0 ?? (0, 0) })
    }

    private func effective(_ scope: Scope) -> RegexFlags {
        var f = flags
        if scope.add.contains(.unicode) { f.remove(.ascii) }
        if scope.add.contains(.ascii) { f.remove(.unicode) }
        return f.union(scope.add).subtracting(scope.del)
    }

    // MARK: alternation

    private mutating func parseSub(verbose: Bool, nested: Int, scope: Scope) throws(RegexError) -> RegexNode {
        var alternatives: [RegexNode] = []
        var verbose = verbose
        while true {
            alternatives.append(
                try parseSequence(
                    verbose: verbose, nested: nested + 1,
                    first: nested == 0 && alternatives.isEmpty, scope: scope))
            if !(try tok.match("|")) { break }
            if nested == 0 { verbose = flags.contains(.verbose) }
        }
        return alternatives.count == 1 ? alternatives[0] : .alternation(alternatives)
    }

    // MARK: sequence

    private mutating func parseSequence(verbose: Bool, nested: Int, first: Bool, scope: Scope) throws(RegexError) -> RegexNode {
        var items: [RegexNode] = []
        var kinds: [ItemKind] = []
        var verbose = verbose

        func append(_ node: RegexNode, _ kind: ItemKind = .other) {
            items.append(node)
            kinds.append(kind)
        }

        while let this = tok.next {
            if this == .plain("|") || this == .plain(")") { break }
            try tok.advance()
            if verbose, case .plain(let c) = this {
                if c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0B}" || c == "\u{0C}" { continue }
                if c == "#" {
                    while true {
                        let t = try tok.get()
                        if t == nil || t == .plain("\n") { break }
                    }
                    continue
                }
            }
            let f = effective(scope)
            switch this {
            case .escape(let c):
                let (node, isAnchor) = try parseEscape(c, flags: f)
                append(node, isAnchor ? .anchor : .other)
            case .plain(let c):
                switch c {
                case "[":
                    append(.single(try parseClass(flags: f)))
                case "*", "+", "?", "{":
                    let here = tok.tell
                    var lo = 0
                    var hi = Int.max
                    switch c {
                    case "?": hi = 1
                    case "+": lo = 1
                    case "{":
                        if tok.isNext("}") {
                            append(.single(.makeLiteral(c.value, ignoreCase: f.contains(.ignoreCase), ascii: f.contains(.ascii))))
                            continue
                        }
                        var loText = ""
                        var hiText = ""
                        while let d = tok.nextPlain, RegexSyntaxHelpers.isDigit(d) {
                            loText.unicodeScalars.append(d)
                            try tok.advance()
                        }
                        if try tok.match(",") {
                            while let d = tok.nextPlain, RegexSyntaxHelpers.isDigit(d) {
                                hiText.unicodeScalars.append(d)
                                try tok.advance()
                            }
                        } else {
                            hiText = loText
                        }
                        if !(try tok.match("}")) {
                            append(.single(.makeLiteral(c.value, ignoreCase: f.contains(.ignoreCase), ascii: f.contains(.ascii))))
                            try tok.seek(here)
                            continue
                        }
                        if !loText.isEmpty {
                            lo = RegexSyntaxHelpers.parseInt(loText, radix: 10) ?? 0
                            if lo >= RegexSyntaxHelpers.maxRepeat {
                                throw RegexError("the repetition number is too large", kind: .overflowError)
                            }
                        }
                        if !hiText.isEmpty {
                            hi = RegexSyntaxHelpers.parseInt(hiText, radix: 10) ?? 0
                            if hi >= RegexSyntaxHelpers.maxRepeat {
                                throw RegexError("the repetition number is too large", kind: .overflowError)
                            }
                            if hi < lo {
                                throw tok.error("min repeat greater than max repeat", tok.tell - here)
                            }
                        }
                    default: break
                    }
                    guard let lastKind = kinds.last, lastKind != .anchor else {
                        throw tok.error("nothing to repeat", tok.tell - here + 1)
                    }
                    if lastKind == .repetition {
                        throw tok.error("multiple repeat", tok.tell - here + 1)
                    }
                    var kind = RegexRepeatKind.greedy
                    if try tok.match("?") {
                        kind = .lazy
                    } else if try tok.match("+") {
                        kind = .possessive
                    }
                    let body = items.removeLast()
                    kinds.removeLast()
                    append(.repetition(body, min: lo, max: hi, kind: kind), .repetition)
                case ".":
                    append(.single(f.contains(.dotAll) ? .anyScalar : .anyExceptNewline))
                case "(":
                    if let node = try parseGroup(
                        verbose: &verbose, nested: nested, first: first,
                        itemsEmpty: items.isEmpty, scope: scope)
                    {
                        append(node)
                    }
                case "^":
                    append(.anchor(f.contains(.multiline) ? .beginLine : .beginText), .anchor)
                case "$":
                    append(.anchor(f.contains(.multiline) ? .endLine : .endTextOrNewline), .anchor)
                default:
                    append(.single(.makeLiteral(c.value, ignoreCase: f.contains(.ignoreCase), ascii: f.contains(.ascii))))
                }
            }
        }
        if items.isEmpty { return .empty }
        return items.count == 1 ? items[0] : .sequence(items)
    }

    // MARK: groups and extensions

    /// Returns nil when the construct produced no item (comments, global flags).
    private mutating func parseGroup(
        verbose: inout Bool, nested: Int, first: Bool, itemsEmpty: Bool,
        scope: Scope
    ) throws(RegexError) -> RegexNode? {
        let start = tok.tell - 1
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maxNesting {
            throw RegexError("maximum recursion depth exceeded", kind: .recursionError)
        }
        var capture = true
        var atomic = false
        var name: String? = nil
        var inner = scope
        if try tok.match("?") {
            guard let ch = try tok.get() else { throw tok.error("unexpected end of pattern") }
            switch ch {
            case .plain("P"):
                if try tok.match("<") {
                    let n = try tok.getUntil(">", "group name")
                    try tok.checkGroupName(n, 1)
                    name = n
                } else if try tok.match("=") {
                    let n = try tok.getUntil(")", "group name")
                    try tok.checkGroupName(n, 1)
                    let len = n.unicodeScalars.count
                    guard let gid = groupNames[n] else {
                        throw tok.error("unknown group name \(RegexSyntaxHelpers.pyRepr(n))", len + 1)
                    }
                    if !groupClosed(gid) { throw tok.error("cannot refer to an open group", len + 1) }
                    try checkLookbehindGroup(gid)
                    let f = effective(scope)
                    return .backreference(gid, ignoreCase: f.contains(.ignoreCase), ascii: f.contains(.ascii))
                } else {
                    guard let c2 = try tok.get() else { throw tok.error("unexpected end of pattern") }
                    throw tok.error("unknown extension ?P" + c2.text, c2.length + 2)
                }
            case .plain(":"):
                capture = false
            case .plain("#"):
                while true {
                    if tok.next == nil {
                        throw tok.error("missing ), unterminated comment", tok.tell - start)
                    }
                    if try tok.get() == .plain(")") { break }
                }
                return nil
            case .plain("="), .plain("!"), .plain("<"):
                var kindChar = ch
                var behind = false
                var savedLookbehind: Int? = nil
                if ch == .plain("<") {
                    guard let c2 = try tok.get() else { throw tok.error("unexpected end of pattern") }
                    if c2 != .plain("=") && c2 != .plain("!") {
                        throw tok.error("unknown extension ?<" + c2.text, c2.length + 2)
                    }
                    kindChar = c2
                    behind = true
                    savedLookbehind = lookbehindGroups
                    if lookbehindGroups == nil { lookbehindGroups = groupWidths.count }
                }
                let body = try parseSub(verbose: verbose, nested: nested + 1, scope: scope)
                if behind && savedLookbehind == nil { lookbehindGroups = nil }
                if !(try tok.match(")")) {
                    throw tok.error("missing ), unterminated subpattern", tok.tell - start)
                }
                return .lookaround(behind: behind, negated: kindChar == .plain("!"), body)
            case .plain("("):
                let condName = try tok.getUntil(")", "group name")
                let len = condName.unicodeScalars.count
                var condGroup: Int
                if RegexSyntaxHelpers.isIdentifier(condName) {
                    guard let g = groupNames[condName] else {
                        throw tok.error("unknown group name \(RegexSyntaxHelpers.pyRepr(condName))", len + 1)
                    }
                    condGroup = g
                } else {
                    guard let g = RegexSyntaxHelpers.pythonInt(condName), g >= 0 else {
                        throw tok.error("bad character in group name \(RegexSyntaxHelpers.pyRepr(condName))", len + 1)
                    }
                    if g == 0 { throw tok.error("bad group number", len + 1) }
                    if g >= RegexSyntaxHelpers.maxGroups {
                        throw tok.error("invalid group reference \(g)", len + 1)
                    }
                    if groupRefPos[g] == nil { groupRefPos[g] = tok.tell - len - 1 }
                    condGroup = g
                }
                try checkLookbehindGroup(condGroup)
                let yes = try parseSequence(verbose: verbose, nested: nested + 1, first: false, scope: scope)
                var no = RegexNode.empty
                if try tok.match("|") {
                    no = try parseSequence(verbose: verbose, nested: nested + 1, first: false, scope: scope)
                    if tok.isNext("|") {
                        throw tok.error("conditional backref with more than two branches")
                    }
                }
                if !(try tok.match(")")) {
                    throw tok.error("missing ), unterminated subpattern", tok.tell - start)
                }
                return .conditional(group: condGroup, yes: yes, no: no)
            case .plain(">"):
                capture = false
                atomic = true
            case .plain(let c) where "iLmsxatu-".unicodeScalars.contains(c):
                if let (add, del) = try parseFlags(c) {
                    capture = false
                    var a = inner.add.union(add).subtracting(del)
                    if add.contains(.unicode) { a.remove(.ascii) }
                    if add.contains(.ascii) { a.remove(.unicode) }
                    inner = Scope(add: a, del: inner.del.union(del).subtracting(add))
                    if add.contains(.unicode) { inner.del.insert(.ascii) }
                } else {
                    if !first || !itemsEmpty {
                        throw tok.error("global flags not at the start of the expression", tok.tell - start)
                    }
                    verbose = flags.contains(.verbose)
                    return nil
                }
            default:
                throw tok.error("unknown extension ?" + ch.text, ch.length + 1)
            }
        }

        var gid = 0
        if capture {
            gid = groupWidths.count
            groupWidths.append(nil)
            if let name {
                if let old = groupNames[name] {
                    throw tok.error(
                        "redefinition of group name \(RegexSyntaxHelpers.pyRepr(name)) as group \(gid); was group \(old)",
                        name.unicodeScalars.count + 1)
                }
                groupNames[name] = gid
            }
        }
        let subVerbose = (verbose || inner.add.contains(.verbose)) && !inner.del.contains(.verbose)
        let body = try parseSub(verbose: subVerbose, nested: nested + 1, scope: inner)
        if !(try tok.match(")")) {
            throw tok.error("missing ), unterminated subpattern", tok.tell - start)
        }
        if capture {
            groupWidths[gid] = RegexWidth.of(body, groupWidths: groupWidths)
            return .group(gid, body)
        }
        if atomic { return .atomic(body) }
        return body
    }

    private func groupClosed(_ gid: Int) -> Bool {
        gid < groupWidths.count && groupWidths[gid] != nil
    }

    private func checkLookbehindGroup(_ gid: Int) throws(RegexError) {
        if let lb = lookbehindGroups {
            if !groupClosed(gid) { throw tok.error("cannot refer to an open group") }
            if gid >= lb { throw tok.error("cannot refer to group defined in the same lookbehind subpattern") }
        }
    }

    private static func flagValue(_ c: Unicode.Scalar) -> RegexFlags? {
        switch c {
        case "i": return .ignoreCase
        case "L": return .locale
        case "m": return .multiline
        case "s": return .dotAll
        case "x": return .verbose
        case "a": return .ascii
        case "t": return templateFlag
        case "u": return .unicode
        default: return nil
        }
    }

    private static func isAlpha(_ t: RegexToken) -> Bool {
        if case .plain(let c) = t { return c.properties.isAlphabetic }
        return false
    }

    /// Returns nil for global flags `(?i)`, otherwise the scoped (add, delete) sets.
    private mutating func parseFlags(_ firstChar: Unicode.Scalar) throws(RegexError) -> (RegexFlags, RegexFlags)? {
        var add: RegexFlags = []
        var del: RegexFlags = []
        var ch: RegexToken = .plain(firstChar)
        if firstChar != "-" {
            while true {
                guard case .plain(let c) = ch, let flag = Self.flagValue(c) else { break }
                if c == "L" { throw tok.error("bad inline flags: cannot use 'L' flag with a str pattern") }
                add.formUnion(flag)
                if !flag.intersection(Self.typeFlags).isEmpty && add.intersection(Self.typeFlags) != flag {
                    throw tok.error("bad inline flags: flags 'a', 'u' and 'L' are incompatible")
                }
                guard let n = try tok.get() else { throw tok.error("missing -, : or )") }
                ch = n
                if n == .plain(")") || n == .plain("-") || n == .plain(":") { break }
                if case .plain(let c2) = n, Self.flagValue(c2) != nil { continue }
                throw tok.error(Self.isAlpha(n) ? "unknown flag" : "missing -, : or )", n.length)
            }
        }
        if ch == .plain(")") {
            flags.formUnion(add)
            return nil
        }
        if add.contains(Self.templateFlag) {
            throw tok.error("bad inline flags: cannot turn on global flag", 1)
        }
        if ch == .plain("-") {
            guard let n = try tok.get() else { throw tok.error("missing flag") }
            ch = n
            guard case .plain(let c0) = n, Self.flagValue(c0) != nil else {
                throw tok.error(Self.isAlpha(n) ? "unknown flag" : "missing flag", n.length)
            }
            while true {
                guard case .plain(let c) = ch, let flag = Self.flagValue(c) else { break }
                if !flag.intersection(Self.typeFlags).isEmpty {
                    throw tok.error("bad inline flags: cannot turn off flags 'a', 'u' and 'L'")
                }
                del.formUnion(flag)
                guard let n2 = try tok.get() else { throw tok.error("missing :") }
                ch = n2
                if n2 == .plain(":") { break }
                if case .plain(let c2) = n2, Self.flagValue(c2) != nil { continue }
                throw tok.error(Self.isAlpha(n2) ? "unknown flag" : "missing :", n2.length)
            }
        }
        if del.contains(Self.templateFlag) {
            throw tok.error("bad inline flags: cannot turn off global flag", 1)
        }
        if !add.intersection(del).isEmpty {
            throw tok.error("bad inline flags: flag turned on and off", 1)
        }
        return (add, del)
    }

    // MARK: escapes

    private static func category(_ c: Unicode.Scalar) -> RegexCategory? {
        switch c {
        case "d": return .digit
        case "D": return .notDigit
        case "s": return .space
        case "S": return .notSpace
        case "w": return .word
        case "W": return .notWord
        default: return nil
        }
    }

    private func literalNode(_ v: UInt32, _ f: RegexFlags) -> RegexNode {
        .single(.makeLiteral(v, ignoreCase: f.contains(.ignoreCase), ascii: f.contains(.ascii)))
    }

    /// Numeric escapes shared by pattern and class context (\x \u \U \N); nil if `c` is none of them.
    private mutating func parseCodeEscape(_ c: Unicode.Scalar) throws(RegexError) -> UInt32? {
        var escape = "\\" + String(Character(c))
        let digits: Int
        switch c {
        case "x": digits = 2
        case "u": digits = 4
        case "U": digits = 8
        case "N":
            if !(try tok.match("{")) { throw tok.error("missing {") }
            let name = try tok.getUntil("}", "character name")
            throw tok.error("undefined character name \(RegexSyntaxHelpers.pyRepr(name))", name.unicodeScalars.count + 4)
        default: return nil
        }
        escape += try tok.getWhile(digits, RegexSyntaxHelpers.isHexDigit)
        let len = escape.unicodeScalars.count
        if len != digits + 2 { throw tok.error("incomplete escape \(escape)", len) }
        let v = UInt32(String(escape.unicodeScalars.dropFirst(2)), radix: 16) ?? 0
        if v > 0x10FFFF { throw tok.error("bad escape \(escape)", len) }
        return v
    }

    /// Escape outside a class. Returns the node and whether it is an anchor (not repeatable).
    private mutating func parseEscape(_ c: Unicode.Scalar, flags f: RegexFlags) throws(RegexError) -> (RegexNode, Bool) {
        let ascii = f.contains(.ascii)
        switch c {
        case "A": return (.anchor(.beginText), true)
        case "Z": return (.anchor(.endText), true)
        case "b": return (.anchor(.wordBoundary(ascii: ascii)), true)
        case "B": return (.anchor(.notWordBoundary(ascii: ascii)), true)
        default: break
        }
        if let cat = Self.category(c) {
            return (
                .single(
                    .set(
                        RegexCharSet(
                            items: [.category(cat)], negated: false,
                            ignoreCase: false, ascii: ascii))), false
            )
        }
        if let v = RegexSyntaxHelpers.simpleEscape(c) { return (literalNode(v, f), false) }
        if let v = try parseCodeEscape(c) { return (literalNode(v, f), false) }
        if c == "0" {
            let more = try tok.getWhile(2, RegexSyntaxHelpers.isOctDigit)
            return (literalNode(UInt32(more, radix: 8) ?? 0, f), false)
        }
        if RegexSyntaxHelpers.isDigit(c) {
            var escape = "\\" + String(Character(c))
            var digits = String(Character(c))
            if let d2 = tok.nextPlain, RegexSyntaxHelpers.isDigit(d2) {
                try tok.advance()
                escape.unicodeScalars.append(d2)
                digits.unicodeScalars.append(d2)
                if RegexSyntaxHelpers.isOctDigit(c) && RegexSyntaxHelpers.isOctDigit(d2),
                    let d3 = tok.nextPlain, RegexSyntaxHelpers.isOctDigit(d3)
                {
                    try tok.advance()
                    escape.unicodeScalars.append(d3)
                    digits.unicodeScalars.append(d3)
                    let v = UInt32(digits, radix: 8) ?? 0
                    if v > 0o377 {
                        throw tok.error("octal escape value \(escape) outside of range 0-0o377", escape.unicodeScalars.count)
                    }
                    return (literalNode(v, f), false)
                }
            }
            let group = Int(digits) ?? 0
            let len = escape.unicodeScalars.count
            if group < groupWidths.count {
                if !groupClosed(group) { throw tok.error("cannot refer to an open group", len) }
                try checkLookbehindGroup(group)
                return (.backreference(group, ignoreCase: f.contains(.ignoreCase), ascii: ascii), false)
            }
            throw tok.error("invalid group reference \(group)", len - 1)
        }
        if RegexSyntaxHelpers.isASCIILetter(c) {
            throw tok.error("bad escape \\\(Character(c))", 2)
        }
        return (literalNode(c.value, f), false)
    }

    private enum ClassCode {
        case literal(UInt32)
        case category(RegexCategory)
    }

    private mutating func parseClassEscape(_ c: Unicode.Scalar) throws(RegexError) -> ClassCode {
        if c == "b" { return .literal(8) }
        if let v = RegexSyntaxHelpers.simpleEscape(c) { return .literal(v) }
        if let cat = Self.category(c) { return .category(cat) }
        if let v = try parseCodeEscape(c) { return .literal(v) }
        if RegexSyntaxHelpers.isOctDigit(c) {
            let escape = "\\" + String(Character(c)) + (try tok.getWhile(2, RegexSyntaxHelpers.isOctDigit))
            let v = UInt32(String(escape.unicodeScalars.dropFirst()), radix: 8) ?? 0
            if v > 0o377 {
                throw tok.error("octal escape value \(escape) outside of range 0-0o377", escape.unicodeScalars.count)
            }
            return .literal(v)
        }
        if RegexSyntaxHelpers.isDigit(c) || RegexSyntaxHelpers.isASCIILetter(c) {
            throw tok.error("bad escape \\\(Character(c))", 2)
        }
        return .literal(c.value)
    }

    private mutating func parseClass(flags f: RegexFlags) throws(RegexError) -> RegexCharMatcher {
        let here = tok.tell - 1
        var items: [RegexSetItem] = []
        let negate = try tok.match("^")
        while true {
            guard let this = try tok.get() else {
                throw tok.error("unterminated character set", tok.tell - here)
            }
            if this == .plain("]") && !items.isEmpty { break }
            let code1: ClassCode
            switch this {
            case .escape(let c): code1 = try parseClassEscape(c)
            case .plain(let c): code1 = .literal(c.value)
            }
            if try tok.match("-") {
                guard let that = try tok.get() else {
                    throw tok.error("unterminated character set", tok.tell - here)
                }
                if that == .plain("]") {
                    items.append(Self.item(code1))
                    items.append(.char(45))
                    break
                }
                let code2: ClassCode
                switch that {
                case .escape(let c): code2 = try parseClassEscape(c)
                case .plain(let c): code2 = .literal(c.value)
                }
                guard case .literal(let lo) = code1, case .literal(let hi) = code2, hi >= lo else {
                    throw tok.error("bad character range \(this.text)-\(that.text)", this.length + 1 + that.length)
                }
                items.append(.range(lo, hi))
            } else {
                items.append(Self.item(code1))
            }
        }
        var unique: [RegexSetItem] = []
        for item in items where !unique.contains(item) { unique.append(item) }
        let ic = f.contains(.ignoreCase)
        let ascii = f.contains(.ascii)
        if unique.count == 1, case .char(let v) = unique[0], !negate {
            return .makeLiteral(v, ignoreCase: ic, ascii: ascii)
        }
        return .set(RegexCharSet(items: unique, negated: negate, ignoreCase: ic, ascii: ascii))
    }

    private static func item(_ code: ClassCode) -> RegexSetItem {
        switch code {
        case .literal(let v): return .char(v)
        case .category(let c): return .category(c)
        }
    }
}

/// Width (min, max) of a subpattern, as CPython's getwidth(); Int.max means unbounded.
enum RegexWidth {
    static func add(_ a: Int, _ b: Int) -> Int {
        let (r, o) = a.addingReportingOverflow(b)
        return o ? Int.max : r
    }
    static func mul(_ a: Int, _ b: Int) -> Int {
        let (r, o) = a.multipliedReportingOverflow(by: b)
        return o ? Int.max : r
    }

    static func of(_ node: RegexNode, groupWidths: [(Int, Int)?]) -> (Int, Int) {
        switch node {
        case .empty, .anchor, .lookaround: return (0, 0)
        case .single: return (1, 1)
        case .sequence(let items):
            var lo = 0, hi = 0
            for item in items {
                let (a, b) = of(item, groupWidths: groupWidths)
                lo = add(lo, a)
                hi = add(hi, b)
            }
            return (lo, hi)
        case .alternation(let alts):
            var lo = Int.max, hi = 0
            for alt in alts {
                let (a, b) = of(alt, groupWidths: groupWidths)
                lo = min(lo, a)
                hi = max(hi, b)
            }
            return (lo, hi)
        case .group(_, let body), .atomic(let body):
            return of(body, groupWidths: groupWidths)
        case .repetition(let body, let mn, let mx, _):
            let (a, b) = of(body, groupWidths: groupWidths)
            let lo = mul(a, mn)
            let hi = (mx == Int.max && b > 0) ? Int.max : mul(b, mx == Int.max ? RegexSyntaxHelpers.maxRepeat : mx)
            return (lo, hi)
        case .backreference(let g, _, _):
            if g < groupWidths.count, let w = groupWidths[g] { return w }
            return (0, 0)
        case .conditional(_, let yes, let no):
            let (a, b) = of(yes, groupWidths: groupWidths)
            let (c, d) = of(no, groupWidths: groupWidths)
            return (min(a, c), max(b, d))
        }
    }
}
