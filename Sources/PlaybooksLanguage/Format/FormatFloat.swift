extension PyFormat {
    /// `format(x, spec)` for a float.
    static func format(float value: Double, spec: String) throws(PyFormatError) -> String {
        if spec.isEmpty { return floatRepr(value) }
        return try formatFloat(value, parseFloatSpec(spec))
    }

    /// Parses a non-empty spec for a float and checks its presentation type.
    static func parseFloatSpec(_ spec: String) throws(PyFormatError) -> Spec {
        let s = try parseSpec(spec, typeName: "float", defaultType: nil, defaultAlign: UInt8(ascii: ">"))
        switch s.type {
        case nil, "e", "E", "f", "F", "g", "G", "n", "%":
            return s
        default:
            throw unknownCode(s.type ?? "\u{0}", "float")
        }
    }

    /// Formats a double with an already parsed spec whose type is a float
    /// presentation type (or none). Also used for ints with float types.
    static func formatFloat(_ value: Double, _ s: Spec) throws(PyFormatError) -> String {
        if let p = s.precision, p > Int(Int32.max) {
            throw .valueError("precision too big")
        }
        try checkLength(s.width)
        try checkLength(s.precision)

        var val = value
        var code: UInt8
        var upper = false
        var addDot0 = false
        var percent = false
        var precision = s.precision ?? 6
        switch s.type {
        case nil:
            addDot0 = true
            if s.precision == nil {
                code = UInt8(ascii: "r")
                precision = 0
            } else {
                code = UInt8(ascii: "g")
            }
        case "e": code = UInt8(ascii: "e")
        case "E": code = UInt8(ascii: "e"); upper = true
        case "f": code = UInt8(ascii: "f")
        case "F": code = UInt8(ascii: "f"); upper = true
        case "g", "n": code = UInt8(ascii: "g")
        case "G": code = UInt8(ascii: "g"); upper = true
        case "%":
            code = UInt8(ascii: "f")
            val *= 100
            percent = true
        default:
            throw unknownCode(s.type ?? "\u{0}", "float")
        }

        var negative = val.sign == .minus && !val.isNaN
        // CPython's fast path: no sign request, width or grouping.
        let plain =
            s.width == nil && s.grouping == nil
            && s.sign != UInt8(ascii: "+") && s.sign != UInt8(ascii: " ")
        if plain && code == UInt8(ascii: "f") && !s.alternate,
            let text = plainFixed(val, precision, percent: percent, noNegZero: s.noNegZero)
        {
            return text
        }
        var body: [UInt8] = []
        body.reserveCapacity(32)
        if plain { body.append(45) }  // provisional sign, dropped below if unused
        if val.isNaN {
            body.append(contentsOf: (upper ? "NAN" : "nan").utf8)
        } else if val.isInfinite {
            body.append(contentsOf: (upper ? "INF" : "inf").utf8)
        } else {
            let d: DecimalDigits
            switch code {
            case UInt8(ascii: "e"):
                d = significantDigits(val, precision + 1)
            case UInt8(ascii: "f"):
                d = fixedDigits(val, precision)
            case UInt8(ascii: "g"):
                if precision == 0 { precision = 1 }
                d = significantDigits(val, precision)
            default:
                d = val == 0 ? .zero : shortestDigits(val)
            }
            if s.noNegZero && negative && d.isZero {
                negative = false
            }
            appendFloatBody(
                &body, d, code: code, precision: precision,
                alternate: s.alternate, addDot0: addDot0, upper: upper)
        }
        if percent { body.append(37) }

        if plain {
            return negative
                ? String(decoding: body, as: UTF8.self)
                : String(decoding: body[1...], as: UTF8.self)
        }
        var digitCount = 0
        while digitCount < body.count && body[digitCount] >= 48 && body[digitCount] <= 57 {
            digitCount += 1
        }
        return layoutNumber(
            sign: signByte(negative: negative, s), prefix: [],
            digits: body[0..<digitCount], remainder: body[digitCount...],
            spec: s, groupEvery: 3)
    }

    /// `f"{x:.Nf}"` (and `%`) without width, sign or grouping, for a finite `x` whose
    /// `|x| × 10^N` rounds to a UInt64: the digits of that integer with the point set in,
    /// written straight into the string (the general path builds digit arrays first).
    /// `nil` when the general path must do it.
    static func plainFixed(_ x: Double, _ precision: Int, percent: Bool, noNegZero: Bool) -> String? {
        guard x.isFinite, let q = fixedRoundedInteger(x.magnitude, precision) else { return nil }
        let negative = x.sign == .minus && !(noNegZero && q == 0)
        var digits = 1
        var rest = q / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        let intDigits = max(digits - precision, 1)
        let length = (negative ? 1 : 0) + intDigits + (precision > 0 ? 1 + precision : 0) + (percent ? 1 : 0)
        return String(unsafeUninitializedCapacity: length) { buffer in
            var end = length
            if percent {
                end -= 1
                buffer[end] = 37
            }
            var value = q
            var written = 0
            while written < precision {
                end -= 1
                buffer[end] = UInt8(truncatingIfNeeded: value % 10) + 48
                value /= 10
                written += 1
            }
            if precision > 0 {
                end -= 1
                buffer[end] = 46
            }
            written = 0
            while written < intDigits {
                end -= 1
                buffer[end] = UInt8(truncatingIfNeeded: value % 10) + 48
                value /= 10
                written += 1
            }
            if negative { buffer[0] = 45 }
            return length
        }
    }

    static func signByte(negative: Bool, _ s: Spec) -> UInt8? {
        if negative { return 45 }
        if s.sign == UInt8(ascii: "+") { return 43 }
        if s.sign == UInt8(ascii: " ") { return 32 }
        return nil
    }

    /// CPython's `round(x, ndigits)`: correctly rounded (half to even on the
    /// exact binary value). A result too large to represent (CPython raises
    /// OverflowError) comes back as ±infinity.
    static func round(_ x: Double, ndigits: Int) -> Double {
        if !x.isFinite || x == 0 { return x }
        if ndigits > 323 { return x }
        if ndigits < -308 { return 0.0 * x }
        let negative = x.sign == .minus
        let a = x.magnitude
        if ndigits >= 0 && ndigits <= 22, let q = fixedRoundedInteger(a, ndigits), q < (1 << 53) {
            let r = Double(q) / powersOfTen[ndigits]
            return negative ? -r : r
        }
        let d = fixedDigits(a, ndigits)
        if d.isZero { return negative ? -0.0 : 0.0 }
        var text = "0."
        text += String(decoding: d.digits, as: UTF8.self)
        text += "e"
        text += String(d.decpt)
        let r = Double(text) ?? .infinity
        return negative ? -r : r
    }
}
