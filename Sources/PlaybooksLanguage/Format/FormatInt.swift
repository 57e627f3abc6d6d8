import BigInt

extension PyFormat {
    /// `format(n, spec)` for an int that fits in a machine word.
    static func format(int value: Int, spec: String) throws(PyFormatError) -> String {
        if spec.isEmpty { return String(value) }
        return try formatInt(value, parseIntSpec(spec))
    }

    /// Parses a non-empty spec for an int (its presentation type is checked when formatting).
    static func parseIntSpec(_ spec: String) throws(PyFormatError) -> Spec {
        try parseSpec(spec, typeName: "int", defaultType: "d", defaultAlign: UInt8(ascii: ">"))
    }

    /// Formats a machine int with a spec parsed by ``parseIntSpec(_:)``.
    static func formatInt(_ value: Int, _ s: Spec) throws(PyFormatError) -> String {
        switch s.type {
        case "d", "n", "b", "o", "x", "X", "c":
            try checkIntSpec(s)
            if s.type == "c" {
                return try formatChar(value >= 0 && value < 0x110000 ? value : -1, s)
            }
            let (radix, upper, prefix) = radixInfo(s)
            if s.width == nil && s.grouping == nil && s.sign == nil && prefix.isEmpty {
                return String(value, radix: radix, uppercase: upper)
            }
            if let text = paddedDecimal(value, s) { return text }
            var digits: [UInt8] = []
            if radix == 10 {
                appendDecimal(&digits, UInt64(value.magnitude))
            } else {
                digits = Array(String(value.magnitude, radix: radix, uppercase: upper).utf8)
            }
            return layoutInt(negative: value < 0, prefix: prefix, digits: digits, s)
        case "e", "E", "f", "F", "g", "G", "%":
            return try formatFloat(Double(value), s)
        default:
            throw unknownCode(s.type ?? "\u{0}", "int")
        }
    }

    /// `:05d`, `:>8`, `:<4d` for a non-negative value with no sign, grouping or `#`: the digits
    /// padded to the width directly (the general layout builds byte arrays first: ~1,900
    /// instructions for `f"{n:02d}"`). `nil` when the spec needs the general path.
    static func paddedDecimal(_ value: Int, _ s: Spec) -> String? {
        guard value >= 0, s.type == "d", s.sign == nil, s.grouping == nil, !s.alternate else { return nil }
        let digits = String(value)
        guard let width = s.width, width > digits.utf8.count else { return digits }
        let pad = String(repeating: Character(s.fill), count: width - digits.utf8.count)
        switch s.align {
        case nil, UInt8(ascii: ">"), UInt8(ascii: "="): return pad + digits
        case UInt8(ascii: "<"): return digits + pad
        default: return nil
        }
    }

    /// The decimal digits of `magnitude`, refused as CPython 3.11 does past 4300 digits — before
    /// converting when the width alone tells (2**14285 > 10**4300), as conversion takes quadratic time.
    static func limitedDecimal(_ magnitude: BigUInt) throws(PyFormatError) -> String {
        let error = PyFormatError(
            "ValueError",
            "Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit")
        if magnitude.bitWidth > 14_285 { throw error }
        let text = String(magnitude)
        if text.utf8.count > 4300 { throw error }
        return text
    }

    /// `format(n, spec)` for an arbitrary-precision int.
    static func format(int value: BigInt, spec: String) throws(PyFormatError) -> String {
        if let small = Int(exactly: value) {
            return try format(int: small, spec: spec)
        }
        if spec.isEmpty { return (value.sign == .minus ? "-" : "") + (try limitedDecimal(value.magnitude)) }
        let s = try parseSpec(spec, typeName: "int", defaultType: "d", defaultAlign: UInt8(ascii: ">"))
        switch s.type {
        case "d", "n", "b", "o", "x", "X", "c":
            try checkIntSpec(s)
            if s.type == "c" {
                throw PyFormatError("OverflowError", "Python int too large to convert to C long")
            }
            let (radix, upper, prefix) = radixInfo(s)
            let text = radix == 10 ? try limitedDecimal(value.magnitude) : String(value.magnitude, radix: radix, uppercase: upper)
            return layoutInt(negative: value.sign == .minus, prefix: prefix, digits: Array(text.utf8), s)
        case "e", "E", "f", "F", "g", "G", "%":
            return try formatFloat(try toDouble(value), s)
        default:
            throw unknownCode(s.type ?? "\u{0}", "int")
        }
    }

    /// Appends the decimal digits of `v` as ASCII.
    static func appendDecimal(_ out: inout [UInt8], _ v: UInt64) {
        if v == 0 {
            out.append(48)
            return
        }
        var n = v
        var count = 0
        while n > 0 { n /= 10; count += 1 }
        let start = out.count
        out.append(contentsOf: repeatElement(UInt8(48), count: count))
        n = v
        var i = start + count - 1
        while n > 0 {
            out[i] = UInt8(truncatingIfNeeded: n % 10) + 48
            n /= 10
            i -= 1
        }
    }

    /// Correctly rounded int-to-float conversion; OverflowError when too large.
    static func toDouble(_ value: BigInt) throws(PyFormatError) -> Double {
        if let small = Int(exactly: value) { return Double(small) }
        guard let d = Double(String(value)), d.isFinite else {
            throw PyFormatError("OverflowError", "int too large to convert to float")
        }
        return d
    }

    private static func checkIntSpec(_ s: Spec) throws(PyFormatError) {
        if s.precision != nil {
            throw .valueError("Precision not allowed in integer format specifier")
        }
        if s.noNegZero {
            throw .valueError("Negative zero coercion (z) not allowed in integer format specifier")
        }
        if s.type == "c" {
            if s.sign != nil {
                throw .valueError("Sign not allowed with integer format specifier 'c'")
            }
            if s.alternate {
                throw .valueError("Alternate form (#) not allowed with integer format specifier 'c'")
            }
        }
        try checkLength(s.width)
    }

    private static func radixInfo(_ s: Spec) -> (Int, Bool, [UInt8]) {
        switch s.type {
        case "b": return (2, false, s.alternate ? Array("0b".utf8) : [])
        case "o": return (8, false, s.alternate ? Array("0o".utf8) : [])
        case "x": return (16, false, s.alternate ? Array("0x".utf8) : [])
        case "X": return (16, true, s.alternate ? Array("0X".utf8) : [])
        default: return (10, false, [])
        }
    }

    /// `'c'`: the character with that code point, padded like a number.
    /// Lone surrogates cannot live in a Swift String and become U+FFFD.
    private static func formatChar(_ code: Int, _ s: Spec) throws(PyFormatError) -> String {
        guard code >= 0 && code < 0x110000 else {
            throw PyFormatError("OverflowError", "%c arg not in range(0x110000)")
        }
        let scalar = Unicode.Scalar(UInt32(code)) ?? "\u{FFFD}"
        var body = String.UnicodeScalarView()
        body.append(scalar)
        let width = s.width ?? 0
        if width <= 1 { return String(body) }
        let align = s.align ?? UInt8(ascii: ">")
        return pad(
            Substring(String(body)), length: 1, width: width, fill: s.fill,
            align: align == UInt8(ascii: "=") ? UInt8(ascii: ">") : align)
    }

    private static func layoutInt(negative: Bool, prefix: [UInt8], digits: [UInt8], _ s: Spec) -> String {
        let every = (s.type == "d" || s.type == "n") ? 3 : 4
        return layoutNumber(
            sign: signByte(negative: negative, s), prefix: prefix,
            digits: digits[...], remainder: [][...], spec: s, groupEvery: every)
    }

    /// Assembles `[sign][prefix][grouped digits][remainder]` and pads it to the
    /// spec's width, following CPython's `calc_number_widths`/`fill_number`:
    /// with fill `0` and `=` alignment the zero padding is grouped too.
    static func layoutNumber(
        sign: UInt8?, prefix: [UInt8], digits: ArraySlice<UInt8>, remainder: ArraySlice<UInt8>,
        spec s: Spec, groupEvery: Int
    ) -> String {
        let width = s.width ?? 0
        let align = s.align ?? UInt8(ascii: ">")
        let nonDigits = (sign == nil ? 0 : 1) + prefix.count + remainder.count
        var grouped: [UInt8] = []
        var groupedCount = digits.count
        let useGrouping = s.grouping != nil && !digits.isEmpty
        if let sep = s.grouping, useGrouping {
            let minWidth = (s.fill == "0" && align == UInt8(ascii: "=")) ? width - nonDigits : 0
            grouped = insertGrouping(digits, separator: sep, every: groupEvery, minWidth: minWidth)
            groupedCount = grouped.count
        }
        let total = nonDigits + groupedCount
        let padding = max(0, width - total)
        let fill = s.fill
        let fillASCII = fill.isASCII ? UInt8(fill.value) : 0
        let fillUTF8: [UInt8] = fill.isASCII ? [] : Array(String(Character(fill)).utf8)

        var out: [UInt8] = []
        out.reserveCapacity(total + padding * (fill.isASCII ? 1 : 4))
        @inline(__always) func appendFill(_ n: Int) {
            if n <= 0 { return }
            if fill.isASCII {
                out.append(contentsOf: repeatElement(fillASCII, count: n))
            } else {
                for _ in 0..<n { out.append(contentsOf: fillUTF8) }
            }
        }
        var left = 0
        var inner = 0
        switch align {
        case UInt8(ascii: "<"): left = 0
        case UInt8(ascii: "^"): left = padding / 2
        case UInt8(ascii: "="): inner = padding
        default: left = padding
        }
        appendFill(left)
        if let sign { out.append(sign) }
        out.append(contentsOf: prefix)
        appendFill(inner)
        if useGrouping {
            out.append(contentsOf: grouped)
        } else {
            out.append(contentsOf: digits)
        }
        out.append(contentsOf: remainder)
        appendFill(padding - left - inner)
        return String(decoding: out, as: UTF8.self)
    }

    /// CPython's `_PyUnicode_InsertThousandsGrouping`: groups `digits` from the
    /// right, padding with zeros (also grouped) until `minWidth` is reached.
    static func insertGrouping(
        _ digits: ArraySlice<UInt8>, separator: UInt8, every: Int, minWidth: Int
    ) -> [UInt8] {
        let every = max(1, every)
        var reversed: [UInt8] = []
        reversed.reserveCapacity(digits.count + digits.count / every + max(0, minWidth))
        var remaining = digits.count
        var minWidth = max(0, minWidth)
        var index = digits.endIndex
        var first = true
        while true {
            let l = min(every, max(remaining, minWidth, 1))
            let zeros = max(0, l - remaining)
            let chars = max(0, min(remaining, l))
            if !first { reversed.append(separator) }
            first = false
            for _ in 0..<chars {
                index -= 1
                reversed.append(digits[index])
            }
            for _ in 0..<zeros { reversed.append(48) }
            remaining -= chars
            minWidth -= l
            if remaining <= 0 && minWidth <= 0 { break }
            minWidth -= 1
        }
        return reversed.reversed()
    }

    /// Inserts `separator` every `every` digits counting from the right.
    static func groupDigits<S: StringProtocol>(_ digits: S, separator: Character, every: Int) -> String {
        let scalars = Array(digits.unicodeScalars)
        let every = max(1, every)
        var out = String.UnicodeScalarView()
        for (i, scalar) in scalars.enumerated() {
            if i > 0 && (scalars.count - i) % every == 0 {
                out.append(contentsOf: separator.unicodeScalars)
            }
            out.append(scalar)
        }
        return String(out)
    }
}
