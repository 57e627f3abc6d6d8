import BigInt

/// Parses JSON text into Python values, with CPython's `JSONDecodeError` messages.
struct JSONTextParser {
    let scalars: [Unicode.Scalar]
    let text: String
    var pos = 0
    var depth = 0

    init(text: String) {
        self.text = text
        self.scalars = UnicodeText.scalars(text)
    }

    func error(_ msg: String, at p: Int) -> PyException {
        var line = 1
        var lineStart = 0
        for i in 0..<min(p, scalars.count) where scalars[i] == "\n" {
            line += 1
            lineStart = i + 1
        }
        let col = p - lineStart + 1
        let e = ExceptionObject(type: Types.jsonDecodeError, args: [.str("\(msg): line \(line) column \(col) (char \(p))")])
        let attrs = DictObject()
        attrs.set("msg", .str(msg))
        attrs.set("doc", .str(text))
        attrs.set("pos", .int(p))
        attrs.set("lineno", .int(line))
        attrs.set("colno", .int(col))
        e.attributes = attrs
        return PyException(e)
    }

    mutating func skipWhitespace() {
        while pos < scalars.count, [" ", "\t", "\n", "\r"].contains(scalars[pos]) { pos += 1 }
    }

    mutating func parseDocument() throws(PyException) -> Value {
        skipWhitespace()
        let v = try parseValue()
        skipWhitespace()
        if pos < scalars.count { throw error("Extra data", at: pos) }
        return v
    }

    func startsWith(_ word: String) -> Bool {
        var i = pos
        for u in word.unicodeScalars {
            guard i < scalars.count, scalars[i] == u else { return false }
            i += 1
        }
        return true
    }

    mutating func parseValue() throws(PyException) -> Value {
        guard pos < scalars.count else { throw error("Expecting value", at: pos) }
        let c = scalars[pos]
        switch c {
        case "{": return try parseObject()
        case "[": return try parseArray()
        case "\"": return .str(try parseString())
        case "n" where startsWith("null"):
            pos += 4
            return .none
        case "t" where startsWith("true"):
            pos += 4
            return .bool(true)
        case "f" where startsWith("false"):
            pos += 5
            return .bool(false)
        case "N" where startsWith("NaN"):
            pos += 3
            return .float(.nan)
        case "I" where startsWith("Infinity"):
            pos += 8
            return .float(.infinity)
        case "-" where pos + 1 < scalars.count && scalars[pos + 1] == "I":
            pos += 1
            if startsWith("Infinity") {
                pos += 8
                return .float(-.infinity)
            }
            pos -= 1
            throw error("Expecting value", at: pos)
        default:
            if c == "-" || (c.value >= 0x30 && c.value <= 0x39) { return try parseNumber() }
            throw error("Expecting value", at: pos)
        }
    }

    mutating func parseNumber() throws(PyException) -> Value {
        let start = pos
        if scalars[pos] == "-" { pos += 1 }
        func digits(_ p: inout Int) -> Int {
            let s = p
            while p < scalars.count, scalars[p].value >= 0x30, scalars[p].value <= 0x39 { p += 1 }
            return p - s
        }
        guard pos < scalars.count, scalars[pos].value >= 0x30, scalars[pos].value <= 0x39 else {
            pos = start
            throw error("Expecting value", at: start)
        }
        if scalars[pos] == "0" { pos += 1 } else { _ = digits(&pos) }
        var isFloat = false
        if pos + 1 < scalars.count, scalars[pos] == ".", scalars[pos + 1].value >= 0x30, scalars[pos + 1].value <= 0x39 {
            pos += 1
            _ = digits(&pos)
            isFloat = true
        }
        if pos < scalars.count, scalars[pos] == "e" || scalars[pos] == "E" {
            var p = pos + 1
            if p < scalars.count, scalars[p] == "+" || scalars[p] == "-" { p += 1 }
            if digits(&p) > 0 {
                pos = p
                isFloat = true
            }
        }
        let literal = UnicodeText.string(scalars[start..<pos])
        if isFloat { return .float(Double(literal) ?? .nan) }
        if let i = Int(literal) { return .int(i) }
        return .integer(BigInt(literal) ?? 0)
    }

    mutating func parseString() throws(PyException) -> String {
        let start = pos
        pos += 1
        var out = String.UnicodeScalarView()
        while true {
            guard pos < scalars.count else { throw error("Unterminated string starting at", at: start) }
            let c = scalars[pos]
            if c == "\"" {
                pos += 1
                return String(out)
            }
            if c.value < 0x20 { throw error("Invalid control character at", at: pos) }
            if c == "\\" {
                guard pos + 1 < scalars.count else { throw error("Unterminated string starting at", at: start) }
                let e = scalars[pos + 1]
                switch e {
                case "\"": out.append("\"")
                case "\\": out.append("\\")
                case "/": out.append("/")
                case "b": out.append("\u{08}")
                case "f": out.append("\u{0C}")
                case "n": out.append("\n")
                case "r": out.append("\r")
                case "t": out.append("\t")
                case "u":
                    guard let v = hex4(at: pos + 2) else { throw error("Invalid \\uXXXX escape", at: pos + 1) }
                    var code = v
                    var consumed = 6
                    if v >= 0xD800 && v < 0xDC00, pos + 7 < scalars.count, scalars[pos + 6] == "\\", scalars[pos + 7] == "u",
                        let low = hex4(at: pos + 8), low >= 0xDC00 && low < 0xE000
                    {
                        code = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00)
                        consumed = 12
                    }
                    out.append(Unicode.Scalar(code) ?? "\u{FFFD}")
                    pos += consumed
                    continue
                default:
                    throw error("Invalid \\escape", at: pos)
                }
                pos += 2
                continue
            }
            out.append(c)
            pos += 1
        }
    }

    func hex4(at p: Int) -> UInt32? {
        guard p + 4 <= scalars.count else { return nil }
        var v: UInt32 = 0
        for i in p..<(p + 4) {
            guard let d = Int(String(scalars[i]), radix: 16) else { return nil }
            v = v * 16 + UInt32(d)
        }
        return v
    }

    mutating func parseArray() throws(PyException) -> Value {
        depth += 1
        guard depth < 900, !StackGuard.isNearlyExhausted() else {
            throw PyException(
                Types.recursionError, "maximum recursion depth exceeded while decoding a JSON array from a unicode string")
        }
        defer { depth -= 1 }
        pos += 1
        var items: [Value] = []
        skipWhitespace()
        if pos < scalars.count, scalars[pos] == "]" {
            pos += 1
            return .list(ListObject(items))
        }
        while true {
            skipWhitespace()
            items.append(try parseValue())
            skipWhitespace()
            guard pos < scalars.count else { throw error("Expecting ',' delimiter", at: pos) }
            if scalars[pos] == "]" {
                pos += 1
                return .list(ListObject(items))
            }
            guard scalars[pos] == "," else { throw error("Expecting ',' delimiter", at: pos) }
            pos += 1
        }
    }

    mutating func parseObject() throws(PyException) -> Value {
        depth += 1
        guard depth < 900, !StackGuard.isNearlyExhausted() else {
            throw PyException(
                Types.recursionError, "maximum recursion depth exceeded while decoding a JSON object from a unicode string")
        }
        defer { depth -= 1 }
        pos += 1
        let d = DictObject()
        skipWhitespace()
        if pos < scalars.count, scalars[pos] == "}" {
            pos += 1
            return .dict(d)
        }
        while true {
            skipWhitespace()
            guard pos < scalars.count, scalars[pos] == "\"" else {
                throw error("Expecting property name enclosed in double quotes", at: pos)
            }
            let key = try parseString()
            skipWhitespace()
            guard pos < scalars.count, scalars[pos] == ":" else { throw error("Expecting ':' delimiter", at: pos) }
            pos += 1
            skipWhitespace()
            let v = try parseValue()
            d.set(key, v)
            skipWhitespace()
            guard pos < scalars.count else { throw error("Expecting ',' delimiter", at: pos) }
            if scalars[pos] == "}" {
                pos += 1
                return .dict(d)
            }
            guard scalars[pos] == "," else { throw error("Expecting ',' delimiter", at: pos) }
            pos += 1
        }
    }
}
