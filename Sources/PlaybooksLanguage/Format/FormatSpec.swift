/// Python's format mini-language:
/// `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`.
enum PyFormat {}

extension PyFormat {
    /// Largest width or precision we are willing to materialise. CPython would
    /// try to allocate the memory; we raise MemoryError instead of exhausting it.
    static let maxMaterializedLength = 100_000_000

    /// A parsed format specification. Scalars are stored as ASCII bytes where the
    /// grammar only admits ASCII; `fill` and `type` may be any Unicode scalar.
    struct Spec: Equatable, Sendable {
        var fill: Unicode.Scalar = " "
        var fillSpecified = false
        /// `<`, `>`, `^`, `=`, or nil for the type's default.
        var align: UInt8? = nil
        /// `+`, `-`, ` `, or nil.
        var sign: UInt8? = nil
        var noNegZero = false
        var alternate = false
        var width: Int? = nil
        /// `,` or `_`, or nil.
        var grouping: UInt8? = nil
        var precision: Int? = nil
        var type: Unicode.Scalar? = nil
    }

    /// Parses a format spec the way CPython's `parse_internal_render_format_spec`
    /// does. `typeName` names the formatted object's type in error messages;
    /// `defaultType` is the presentation type implied for the object (`s` for
    /// str, `d` for int, nil for float); `defaultAlign` is `<` for str and `>`
    /// for numbers.
    static func parseSpec(
        _ spec: String, typeName: String, defaultType: Unicode.Scalar?, defaultAlign: UInt8
    ) throws(PyFormatError) -> Spec {
        var ascii = true
        for b in spec.utf8 where b >= 0x80 {
            ascii = false
            break
        }
        if ascii {
            var copy = spec
            let parsed: Result<Spec, PyFormatError> = copy.withUTF8 { buffer in
                do throws(PyFormatError) {
                    return .success(
                        try parseSpec(
                            buffer, spec: spec, typeName: typeName,
                            defaultType: defaultType, defaultAlign: defaultAlign))
                } catch {
                    return .failure(error)
                }
            }
            return try parsed.get()
        }
        let scalars = spec.unicodeScalars.map { $0.value }
        return try parseSpec(
            scalars, spec: spec, typeName: typeName,
            defaultType: defaultType, defaultAlign: defaultAlign)
    }

    private static func parseSpec<C: RandomAccessCollection>(
        _ scalars: C, spec: String, typeName: String, defaultType: Unicode.Scalar?, defaultAlign: UInt8
    ) throws(PyFormatError) -> Spec where C.Index == Int, C.Element: FixedWidthInteger {
        @inline(__always) func at(_ i: Int) -> UInt32 { UInt32(truncatingIfNeeded: scalars[scalars.startIndex + i]) }
        @inline(__always) func isAlign(_ v: UInt32) -> Bool { v == 60 || v == 62 || v == 94 || v == 61 }
        var result = Spec()
        let end = scalars.count
        var pos = 0

        if end >= 2 && isAlign(at(1)) {
            result.fill = Unicode.Scalar(at(0)) ?? " "
            result.fillSpecified = true
            result.align = UInt8(truncatingIfNeeded: at(1))
            pos = 2
        } else if end >= 1 && isAlign(at(0)) {
            result.align = UInt8(truncatingIfNeeded: at(0))
            pos = 1
        }

        if pos < end, at(pos) == 43 || at(pos) == 45 || at(pos) == 32 {
            result.sign = UInt8(truncatingIfNeeded: at(pos))
            pos += 1
        }
        if pos < end, at(pos) == 122 {  // z
            result.noNegZero = true
            pos += 1
        }
        if pos < end, at(pos) == 35 {  // #
            result.alternate = true
            pos += 1
        }
        if !result.fillSpecified, pos < end, at(pos) == 48 {
            result.fill = "0"
            if result.align == nil && defaultAlign == UInt8(ascii: ">") {
                result.align = UInt8(ascii: "=")
            }
            pos += 1
        }

        if let width = try readInteger(at, end, &pos) {
            result.width = width
        }

        if pos < end, at(pos) == 44 {
            result.grouping = UInt8(ascii: ",")
            pos += 1
        }
        if pos < end, at(pos) == 95 {
            if result.grouping != nil {
                throw .valueError("Cannot specify both ',' and '_'.")
            }
            result.grouping = UInt8(ascii: "_")
            pos += 1
        }
        if pos < end, at(pos) == 44 {
            if result.grouping == UInt8(ascii: "_") {
                throw .valueError("Cannot specify both ',' and '_'.")
            }
        }

        if pos < end, at(pos) == 46 {
            pos += 1
            guard let precision = try readInteger(at, end, &pos) else {
                throw .valueError("Format specifier missing precision")
            }
            result.precision = precision
        }

        if end - pos > 1 {
            throw .valueError("Invalid format specifier '\(spec)' for object of type '\(typeName)'")
        }
        if end - pos == 1 {
            result.type = Unicode.Scalar(at(pos)) ?? "\u{FFFD}"
        } else {
            result.type = defaultType
        }

        if let sep = result.grouping {
            let t = result.type
            let allowed: Bool
            switch t {
            case nil, "d", "e", "f", "g", "E", "G", "%", "F":
                allowed = true
            case "b", "o", "x", "X":
                allowed = sep == UInt8(ascii: "_")
            default:
                allowed = false
            }
            if !allowed {
                throw .valueError(
                    "Cannot specify '\(Character(Unicode.Scalar(sep)))' with \(quotedCode(t ?? "\u{0}"))."
                )
            }
        }
        return result
    }

    /// Reads decimal digits at `pos`; nil when there are none.
    @inline(__always)
    private static func readInteger(
        _ at: (Int) -> UInt32, _ end: Int, _ pos: inout Int
    ) throws(PyFormatError) -> Int? {
        var value = 0
        var consumed = 0
        while pos < end {
            let v = at(pos)
            guard v >= 48 && v <= 57 else { break }
            let digit = Int(v - 48)
            if value > (Int.max - digit) / 10 {
                throw .valueError("Too many decimal digits in format string")
            }
            value = value * 10 + digit
            consumed += 1
            pos += 1
        }
        return consumed > 0 ? value : nil
    }

    /// `'c'` for printable ASCII, else `'\xNN'` the way CPython spells it.
    static func quotedCode(_ s: Unicode.Scalar) -> String {
        if s.value > 32 && s.value < 128 {
            return "'\(Character(s))'"
        }
        return "'\\x\(String(s.value, radix: 16))'"
    }

    static func unknownCode(_ t: Unicode.Scalar, _ typeName: String) -> PyFormatError {
        .valueError("Unknown format code \(quotedCode(t)) for object of type '\(typeName)'")
    }

    static func checkLength(_ n: Int?) throws(PyFormatError) {
        if let n, n > maxMaterializedLength {
            throw PyFormatError("MemoryError", "")
        }
    }
}
