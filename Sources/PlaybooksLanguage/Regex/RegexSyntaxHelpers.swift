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
