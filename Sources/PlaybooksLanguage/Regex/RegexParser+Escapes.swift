// Escapes and categories of Python `re` patterns.

extension RegexParser {

    static func category(_ c: Unicode.Scalar) -> RegexCategory? {
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

    func literalNode(_ v: UInt32, _ f: RegexFlags) -> RegexNode {
        .single(.makeLiteral(v, ignoreCase: f.contains(.ignoreCase), ascii: f.contains(.ascii)))
    }

    /// Numeric escapes shared by pattern and class context (\x \u \U \N); nil if `c` is none of them.
    mutating func parseCodeEscape(_ c: Unicode.Scalar) throws(RegexError) -> UInt32? {
        var escape = "\\" + String(Character(c))
        let digits: Int
        switch c {
        case "x": digits = 2
        case "u": digits = 4
        case "U": digits = 8
        case "N":
            if !(try tok.match("{")) { throw tok.error("missing {") }
            let name = try tok.getUntil("}", "character name")
            throw tok.error("undefined character name \(VirtualMachine.quoteText(name))", name.unicodeScalars.count + 4)
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
    mutating func parseEscape(_ c: Unicode.Scalar, flags f: RegexFlags) throws(RegexError) -> (RegexNode, Bool) {
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

    enum ClassCode {
        case literal(UInt32)
        case category(RegexCategory)
    }

    mutating func parseClassEscape(_ c: Unicode.Scalar) throws(RegexError) -> ClassCode {
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

    mutating func parseClass(flags f: RegexFlags) throws(RegexError) -> RegexCharMatcher {
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

    static func item(_ code: ClassCode) -> RegexSetItem {
        switch code {
        case .literal(let v): return .char(v)
        case .category(let c): return .category(c)
        }
    }
}
