extension PyFormat {
    /// `format(s, spec)` for a str: type `s` or none; precision truncates;
    /// default alignment left; widths count Unicode scalars like Python.
    static func format(string: String, spec: String) throws(PyFormatError) -> String {
        if spec.isEmpty { return string }
        let s = try parseSpec(spec, typeName: "str", defaultType: "s", defaultAlign: UInt8(ascii: "<"))
        if s.type != "s" {
            throw unknownCode(s.type ?? "\u{0}", "str")
        }
        if s.sign == UInt8(ascii: " ") {
            throw .valueError("Space not allowed in string format specifier")
        }
        if s.sign != nil {
            throw .valueError("Sign not allowed in string format specifier")
        }
        if s.noNegZero {
            throw .valueError("Negative zero coercion (z) not allowed in string format specifier")
        }
        if s.alternate {
            throw .valueError("Alternate form (#) not allowed in string format specifier")
        }
        if s.align == UInt8(ascii: "=") {
            throw .valueError("'=' alignment not allowed in string format specifier")
        }
        try checkLength(s.width)

        var body = Substring(string)
        var length = string.unicodeScalars.count
        if let p = s.precision, p < length {
            let scalars = string.unicodeScalars
            let cut = scalars.index(scalars.startIndex, offsetBy: p)
            body = Substring(String(scalars[scalars.startIndex..<cut]))
            length = p
        }
        let width = s.width ?? 0
        if length >= width {
            return String(body)
        }
        return pad(body, length: length, width: width, fill: s.fill, align: s.align ?? UInt8(ascii: "<"))
    }

    /// Pads `body` (which is `length` scalars long) to `width` with `fill`.
    /// `=` is treated as right alignment (callers handle numeric `=`).
    static func pad(
        _ body: Substring, length: Int, width: Int, fill: Unicode.Scalar, align: UInt8
    ) -> String {
        let total = max(0, width - length)
        var left = 0
        switch align {
        case UInt8(ascii: "<"): left = 0
        case UInt8(ascii: "^"): left = total / 2
        default: left = total
        }
        var out = String()
        out.reserveCapacity(body.utf8.count + total * 4)
        appendFill(&out, fill, left)
        out += body
        appendFill(&out, fill, total - left)
        return out
    }

    static func appendFill(_ out: inout String, _ fill: Unicode.Scalar, _ count: Int) {
        guard count > 0 else { return }
        if fill.isASCII {
            out += String(repeating: Character(fill), count: count)
        } else {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<count { scalars.append(fill) }
            out += String(scalars)
        }
    }
}
