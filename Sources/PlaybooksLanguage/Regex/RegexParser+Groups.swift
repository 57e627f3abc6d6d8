// Groups, lookarounds, conditionals and inline flags of Python `re` patterns.

extension RegexParser {

    /// Returns nil when the construct produced no item (comments, global flags).
    mutating func parseGroup(
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
                        throw tok.error("unknown group name \(VirtualMachine.quoteText(n))", len + 1)
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
                        throw tok.error("unknown group name \(VirtualMachine.quoteText(condName))", len + 1)
                    }
                    condGroup = g
                } else {
                    guard let g = RegexSyntaxHelpers.pythonInt(condName), g >= 0 else {
                        throw tok.error("bad character in group name \(VirtualMachine.quoteText(condName))", len + 1)
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
                        "redefinition of group name \(VirtualMachine.quoteText(name)) as group \(gid); was group \(old)",
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

    func groupClosed(_ gid: Int) -> Bool {
        gid < groupWidths.count && groupWidths[gid] != nil
    }

    func checkLookbehindGroup(_ gid: Int) throws(RegexError) {
        if let lb = lookbehindGroups {
            if !groupClosed(gid) { throw tok.error("cannot refer to an open group") }
            if gid >= lb { throw tok.error("cannot refer to group defined in the same lookbehind subpattern") }
        }
    }

    static func flagValue(_ c: Unicode.Scalar) -> RegexFlags? {
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

    static func isAlpha(_ t: RegexToken) -> Bool {
        if case .plain(let c) = t { return c.properties.isAlphabetic }
        return false
    }

    /// Returns nil for global flags `(?i)`, otherwise the scoped (add, delete) sets.
    mutating func parseFlags(_ firstChar: Unicode.Scalar) throws(RegexError) -> (RegexFlags, RegexFlags)? {
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
}
