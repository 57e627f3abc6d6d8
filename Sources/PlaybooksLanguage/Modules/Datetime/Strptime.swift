/// `datetime.strptime`: a format tokenizer and a backtracking pattern matcher.
extension DatetimeModule {
    enum PatternToken {
        case literal([Character])
        case space
        case directive(Character)
    }

    static let digitSet = "0123456789"
    static let nonZero = "123456789"

    /// The regex alternatives CPython's `_strptime` uses, as per-position character sets, in the
    /// order the regex engine tries them.
    static let numericPatterns: [Character: [[String]]] = [
        "d": [["3", "01"], ["12", digitSet], ["0", nonZero], [nonZero], [" ", nonZero]],
        "m": [["1", "012"], ["0", nonZero], [nonZero]],
        "H": [["2", "0123"], ["01", digitSet], [digitSet]],
        "I": [["1", "012"], ["0", nonZero], [nonZero]],
        "M": [["012345", digitSet], [digitSet]],
        "S": [["6", "01"], ["012345", digitSet], [digitSet]],
        "y": [[digitSet, digitSet]],
        "Y": [[digitSet, digitSet, digitSet, digitSet]],
        "f": (1...6).reversed().map { [String](repeating: digitSet, count: $0) },
        "j": [
            ["3", "6", "0123456"], ["3", "012345", digitSet], ["12", digitSet, digitSet], ["0", nonZero, digitSet],
            ["0", "0", nonZero], [nonZero, digitSet], ["0", nonZero], [nonZero],
        ],
        "w": [["0123456"]],
        "u": [["1234567"]],
    ]

    static let namePatterns: [Character: [String]] = [
        "a": dayNames.map { String($0.prefix(3)).lowercased() },
        "A": dayNames.map { $0.lowercased() },
        "b": monthNames.map { String($0.prefix(3)).lowercased() },
        "B": monthNames.map { $0.lowercased() },
        "p": ["am", "pm"],
    ]

    static func tokenize(_ format: String) throws(PyException) -> [PatternToken] {
        var tokens: [PatternToken] = []
        var literal: [Character] = []
        func flush() {
            if !literal.isEmpty {
                tokens.append(.literal(literal))
                literal = []
            }
        }
        let chars = Array(format)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c.isWhitespace {
                flush()
                if case .space? = tokens.last {} else { tokens.append(.space) }
                i += 1
                continue
            }
            if c != "%" {
                literal.append(c)
                i += 1
                continue
            }
            guard i + 1 < chars.count else { throw PyException.valueError("stray % in format '\(format)'") }
            let d = chars[i + 1]
            i += 2
            switch d {
            case "%": literal.append("%")
            case "c", "x", "X":
                let expansion = d == "c" ? "%a %b %d %H:%M:%S %Y" : (d == "x" ? "%m/%d/%y" : "%H:%M:%S")
                flush()
                tokens.append(contentsOf: try tokenize(expansion))
            case "z", "Z", "G", "U", "V", "W":
                throw PyException.valueError("strptime directive '%\(d)' is not supported (naive datetimes only)")
            default:
                guard numericPatterns[d] != nil || namePatterns[d] != nil else {
                    throw PyException.valueError("'\(d)' is a bad directive in format '\(format)'")
                }
                flush()
                tokens.append(.directive(d))
            }
        }
        flush()
        return tokens
    }

    /// Backtracking matcher over the tokens, with the semantics of `re.match` on CPython's pattern.
    final class PatternMatcher {
        let tokens: [PatternToken]
        let text: [Character]
        var captures: [(Int, Int)]
        var failed: Set<Int> = []

        init(_ tokens: [PatternToken], _ text: [Character]) {
            self.tokens = tokens
            self.text = text
            captures = Array(repeating: (0, 0), count: tokens.count)
        }

        static func same(_ a: Character, _ b: Character) -> Bool { a == b || a.lowercased() == b.lowercased() }

        func candidates(_ t: PatternToken, _ at: Int) -> [Int] {
            switch t {
            case .literal(let lit):
                guard at + lit.count <= text.count else { return [] }
                for (k, c) in lit.enumerated() where !PatternMatcher.same(c, text[at + k]) { return [] }
                return [at + lit.count]
            case .space:
                var end = at
                while end < text.count && text[end].isWhitespace { end += 1 }
                return end > at ? Array(((at + 1)...end).reversed()) : []
            case .directive(let d):
                if let alternatives = DatetimeModule.numericPatterns[d] {
                    var ends: [Int] = []
                    for alt in alternatives {
                        guard at + alt.count <= text.count else { continue }
                        var ok = true
                        for (k, set) in alt.enumerated() where !set.contains(text[at + k]) {
                            ok = false
                            break
                        }
                        if ok { ends.append(at + alt.count) }
                    }
                    return ends
                }
                if let names = DatetimeModule.namePatterns[d] {
                    var ends: [Int] = []
                    for name in names.sorted(by: { $0.count > $1.count }) {
                        let n = name.count
                        guard at + n <= text.count else { continue }
                        if String(text[at..<(at + n)]).lowercased() == name { ends.append(at + n) }
                    }
                    return ends
                }
                return []
            }
        }

        func run(_ ti: Int, _ at: Int) -> Int? {
            if ti == tokens.count { return at }
            let key = ti * (text.count + 1) + at
            if failed.contains(key) { return nil }
            for end in candidates(tokens[ti], at) {
                captures[ti] = (at, end)
                if let r = run(ti + 1, end) { return r }
            }
            failed.insert(key)
            return nil
        }
    }

    static func strptime(_ vm: VirtualMachine, _ string: String, _ format: String) throws(PyException) -> DateTimeObject {
        let tokens = try tokenize(format)
        guard tokens.count <= 500 else { throw PyException.valueError("strptime format is too long") }
        let text = Array(string)
        let matcher = PatternMatcher(tokens, text)
        guard let end = matcher.run(0, 0) else {
            let shownData = try vm.repr(.str(string))
            let shownFormat = try vm.repr(.str(format))
            throw PyException.valueError("time data \(shownData) does not match format \(shownFormat)")
        }
        if end < text.count {
            throw PyException.valueError("unconverted data remains: \(String(text[end...]))")
        }
        var year = 1900, month = 1, day = 1, hour = 0, minute = 0, second = 0, micro = 0
        var julian: Int? = nil
        var hour12: Int? = nil
        var ampm = ""
        for (ti, tok) in tokens.enumerated() {
            guard case .directive(let d) = tok else { continue }
            let (a, b) = matcher.captures[ti]
            let s = String(text[a..<b])
            let n = Int(String(s.drop(while: { $0 == " " }))) ?? 0
            switch d {
            case "Y": year = n
            case "y": year = n <= 68 ? 2000 + n : 1900 + n
            case "m": month = n
            case "d": day = n
            case "H": hour = n; hour12 = nil
            case "I": hour12 = n
            case "M": minute = n
            case "S": second = n
            case "f": micro = Int(s + String(repeating: "0", count: max(0, 6 - s.count))) ?? 0
            case "j": julian = n
            case "p": ampm = s.lowercased()
            case "b", "B":
                let names = namePatterns[d] ?? []
                if let k = names.firstIndex(of: s.lowercased()) { month = k + 1 }
            default: break
            }
        }
        if let h = hour12 {
            hour = h
            if ampm == "pm" {
                if h != 12 { hour = h + 12 }
            } else if h == 12 {
                hour = 0
            }
        }
        if let julian {
            try checkDate(year, 1, 1)
            (year, month, day) = try dateFromOrdinal(ordinal(year, 1, 1) + julian - 1)
        }
        try checkDate(year, month, day)
        try checkTime(hour, minute, second, micro)
        return DateTimeObject(year, month, day, hour, minute, second, micro)
    }
}
