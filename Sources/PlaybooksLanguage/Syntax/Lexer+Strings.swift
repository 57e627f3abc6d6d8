extension Lexer {
    /// If the identifier starting at `pos` is a string prefix (`r`, `b`, `u`, `f`, `rb`, `fr`, ...)
    /// directly followed by a quote, scans the string; otherwise returns nil without moving.
    mutating func scanPrefixedString() throws(SyntaxError) -> StringLiteral? {
        var sawB = false
        var sawR = false
        var sawU = false
        var sawF = false
        var i = pos
        while true {
            let c = byte(i) | 0x20
            if !(sawB || sawU || sawF) && c == UInt8(ascii: "b") {
                sawB = true
            } else if !(sawB || sawU || sawR || sawF) && c == UInt8(ascii: "u") {
                sawU = true
            } else if !(sawR || sawU) && c == UInt8(ascii: "r") {
                sawR = true
            } else if !(sawF || sawB || sawU) && c == UInt8(ascii: "f") {
                sawF = true
            } else {
                return nil
            }
            i += 1
            let q = byte(i)
            if q == UInt8(ascii: "'") || q == UInt8(ascii: "\"") {
                let start = pos
                pos = i
                return try scanString(prefixStart: start, raw: sawR, formatted: sawF, bytes: sawB)
            }
        }
    }

    /// Scans a string literal whose opening quote is at `pos`.
    mutating func scanString(
        prefixStart: Int, raw: Bool, formatted: Bool, bytes isBytes: Bool
    )
        throws(SyntaxError) -> StringLiteral
    {
        let quote = bytes[pos]
        let startLine = line
        let startLineStart = lineStart
        let quotePosition = pos
        var triple = false
        pos += 1
        if byte(pos) == quote && byte(pos + 1) == quote {
            triple = true
            pos += 2
        }
        let bodyStart = pos
        var bodyEnd = pos
        while true {
            guard pos < bytes.count, triple || bytes[pos] != 10 else {
                let detected = min(line, lastLine)
                let column = quotePosition - startLineStart + 1
                line = startLine
                if triple {
                    throw SyntaxError(
                        "unterminated triple-quoted string literal (detected at line \(detected))",
                        line: startLine, column: column)
                }
                throw SyntaxError(
                    "unterminated string literal (detected at line \(detected))", line: startLine, column: column)
            }
            let c = bytes[pos]
            if c == quote {
                if !triple {
                    bodyEnd = pos
                    pos += 1
                    break
                }
                if byte(pos + 1) == quote && byte(pos + 2) == quote {
                    bodyEnd = pos
                    pos += 3
                    break
                }
                pos += 1
            } else if c == UInt8(ascii: "\\") {
                pos += 1
                if byte(pos) == 10 && pos < bytes.count {
                    pos += 1
                    line += 1
                    lineStart = pos
                } else if pos < bytes.count {
                    pos += 1
                }
            } else if c == 10 {
                pos += 1
                line += 1
                lineStart = pos
            } else if c == 0 {
                throw error("source code cannot contain null bytes")
            } else {
                pos += 1
            }
        }
        return StringLiteral(
            body: String(decoding: bytes[bodyStart..<bodyEnd], as: UTF8.self), isRaw: raw, isFormatted: formatted,
            isBytes: isBytes, quote: quote, isTripleQuoted: triple, line: startLine)
    }

    /// An error found while decoding escapes: the message and the byte offset in the input.
    public struct EscapeError: Error, Sendable {
        public var message: String
        public var offset: Int
    }

    /// Decodes backslash escapes the way CPython decodes a non-raw string literal; unknown escapes
    /// are kept verbatim. `\N{...}` is not supported and reported as an error.
    public static func decodeEscapes(_ text: some Collection<UInt8>) throws(EscapeError) -> String {
        let input = Array(text)
        guard input.contains(UInt8(ascii: "\\")) else { return String(decoding: input, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(input.count)
        var i = 0
        func appendScalar(_ value: UInt32) {
            let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
            var buffer: [UInt8] = []
            UTF8.encode(scalar) { buffer.append($0) }
            out.append(contentsOf: buffer)
        }
        func hexValue(_ c: UInt8) -> UInt32? {
            switch c {
            case 48...57: return UInt32(c - 48)
            case 97...102: return UInt32(c - 87)
            case 65...70: return UInt32(c - 55)
            default: return nil
            }
        }
        while i < input.count {
            let c = input[i]
            guard c == UInt8(ascii: "\\") else {
                out.append(c)
                i += 1
                continue
            }
            let start = i
            i += 1
            guard i < input.count else {
                throw EscapeError(message: "\\ at end of string", offset: start)
            }
            let e = input[i]
            i += 1
            switch e {
            case 10: break
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "'"): out.append(UInt8(ascii: "'"))
            case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
            case UInt8(ascii: "a"): out.append(7)
            case UInt8(ascii: "b"): out.append(8)
            case UInt8(ascii: "f"): out.append(12)
            case UInt8(ascii: "n"): out.append(10)
            case UInt8(ascii: "r"): out.append(13)
            case UInt8(ascii: "t"): out.append(9)
            case UInt8(ascii: "v"): out.append(11)
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                var value = UInt32(e - 48)
                var count = 1
                while count < 3, i < input.count, input[i] >= 48, input[i] <= 55 {
                    value = value * 8 + UInt32(input[i] - 48)
                    i += 1
                    count += 1
                }
                appendScalar(value)
            case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
                let width = e == UInt8(ascii: "x") ? 2 : e == UInt8(ascii: "u") ? 4 : 8
                var value: UInt32 = 0
                var count = 0
                while count < width, i < input.count, let h = hexValue(input[i]) {
                    value = value * 16 + h
                    i += 1
                    count += 1
                }
                if count < width {
                    let name = e == UInt8(ascii: "x") ? "\\xXX" : e == UInt8(ascii: "u") ? "\\uXXXX" : "\\UXXXXXXXX"
                    throw EscapeError(
                        message:
                            "(unicode error) 'unicodeescape' codec can't decode bytes in position \(start)-\(start + 1 + count): truncated \(name) escape",
                        offset: start)
                }
                if value > 0x10FFFF {
                    throw EscapeError(
                        message:
                            "(unicode error) 'unicodeescape' codec can't decode bytes in position \(start)-\(start + 1 + count): illegal Unicode character",
                        offset: start)
                }
                appendScalar(value)
            case UInt8(ascii: "N"):
                throw EscapeError(message: "\\N{...} escapes are not supported", offset: start)
            default:
                out.append(UInt8(ascii: "\\"))
                out.append(e)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
