extension PyFormat {
    /// CPython's `repr(float)` (same as `str(float)`): shortest round-trip
    /// digits, exponent form when the decimal exponent is < -4 or >= 16.
    static func floatRepr(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        // Swift's description is shortest round-trip and uses Python's layout,
        // except that it also switches to exponent form in [2^53, 1e16).
        let text = x.description
        var exponent = 0
        var sawE = false
        var expNegative = false
        for byte in text.utf8 {
            if sawE {
                if byte == 45 { expNegative = true } else if byte >= 48 && byte <= 57 { exponent = exponent * 10 + Int(byte - 48) }
            } else if byte == 101 {
                sawE = true
            }
        }
        if !sawE || (expNegative && exponent >= 5) || (!expNegative && exponent >= 16) {
            return text
        }
        return floatReprGeneral(x)
    }

    /// `repr` by re-laying out the shortest digits; used where Swift's layout
    /// differs from Python's.
    static func floatReprGeneral(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        var out: [UInt8] = []
        out.reserveCapacity(26)
        if x.sign == .minus { out.append(45) }
        let d = shortestDigits(x)
        appendFloatBody(
            &out, d, code: UInt8(ascii: "r"), precision: 0,
            alternate: false, addDot0: true, upper: false)
        return String(decoding: out, as: UTF8.self)
    }

    /// Lays out digits like CPython's `format_float_short`: `code` is one of
    /// `e`, `f`, `g`, `r`; `precision` is the already adjusted precision
    /// (digits after the point for `e`/`f`, significant digits for `g`).
    static func appendFloatBody(
        _ out: inout [UInt8], _ d: DecimalDigits, code: UInt8, precision: Int,
        alternate: Bool, addDot0: Bool, upper: Bool
    ) {
        let digits = d.digits
        let digitsLen = digits.count
        var decpt = d.decpt
        var useExp = false
        var vEnd = digitsLen
        switch code {
        case UInt8(ascii: "e"):
            useExp = true
            vEnd = precision + 1
        case UInt8(ascii: "f"):
            vEnd = decpt + precision
        case UInt8(ascii: "g"):
            if decpt <= -4 || decpt > (addDot0 ? precision - 1 : precision) {
                useExp = true
            }
            if alternate { vEnd = precision }
        default:  // 'r'
            if decpt <= -4 || decpt > 16 { useExp = true }
        }
        var exp = 0
        if useExp {
            exp = decpt - 1
            decpt = 1
        }
        let vStart = decpt <= 0 ? decpt - 1 : 0
        if !useExp && addDot0 {
            vEnd = max(vEnd, decpt + 1)
        } else {
            vEnd = max(vEnd, decpt)
        }
        vEnd = max(vEnd, digitsLen)

        if decpt <= 0 {
            appendZeros(&out, decpt - vStart)
            out.append(46)
            appendZeros(&out, -decpt)
        } else {
            appendZeros(&out, -vStart)
        }
        if decpt > 0 && decpt <= digitsLen {
            out.append(contentsOf: digits[0..<decpt])
            out.append(46)
            out.append(contentsOf: digits[decpt...])
        } else {
            out.append(contentsOf: digits)
        }
        if digitsLen < decpt {
            appendZeros(&out, decpt - digitsLen)
            out.append(46)
            appendZeros(&out, vEnd - decpt)
        } else {
            appendZeros(&out, vEnd - digitsLen)
        }
        if out.last == 46 && !alternate {
            out.removeLast()
        }
        if useExp {
            out.append(upper ? 69 : 101)
            out.append(exp < 0 ? 45 : 43)
            let magnitude = exp.magnitude
            if magnitude < 10 { out.append(48) }
            out.append(contentsOf: String(magnitude).utf8)
        }
    }

    @inline(__always)
    static func appendZeros(_ out: inout [UInt8], _ count: Int) {
        if count > 0 {
            out.append(contentsOf: repeatElement(UInt8(48), count: count))
        }
    }
}
