// Parser for Python `re` pattern syntax, producing a `RegexNode` tree.
// Error messages and positions follow CPython 3.11.

struct RegexParser {
    var tok: RegexTokenizer
    var flags: RegexFlags
    var groupNames: [String: Int] = [:]
    var groupWidths: [(Int, Int)?] = [(0, 0)]  // index 0 = whole match (unused)
    var lookbehindGroups: Int? = nil
    var groupRefPos: [Int: Int] = [:]
    /// Current parenthesis nesting; bounded so parsing, compiling and matching never exhaust the
    /// Swift call stack (CPython raises RecursionError at a similar depth).
    var depth = 0
    static let maxNesting = 200

    static let templateFlag = RegexFlags(rawValue: 1)
    static let typeFlags: RegexFlags = [.ascii, .locale, .unicode]

    enum ItemKind { case anchor, repetition, other }

    struct Scope {
        var add: RegexFlags = []
        var del: RegexFlags = []
    }

    static func parse(_ pattern: String, flags: RegexFlags) throws(RegexError) -> RegexParseResult {
        var parser = try RegexParser(Array(pattern.unicodeScalars), flags: flags)
        return try parser.run()
    }

    init(_ source: [Unicode.Scalar], flags: RegexFlags) throws(RegexError) {
        tok = try RegexTokenizer(source)
        self.flags = flags
    }

    mutating func run() throws(RegexError) -> RegexParseResult {
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

    func effective(_ scope: Scope) -> RegexFlags {
        var f = flags
        if scope.add.contains(.unicode) { f.remove(.ascii) }
        if scope.add.contains(.ascii) { f.remove(.unicode) }
        return f.union(scope.add).subtracting(scope.del)
    }

    // MARK: alternation

    mutating func parseSub(verbose: Bool, nested: Int, scope: Scope) throws(RegexError) -> RegexNode {
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

    mutating func parseSequence(verbose: Bool, nested: Int, first: Bool, scope: Scope) throws(RegexError) -> RegexNode {
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
}
