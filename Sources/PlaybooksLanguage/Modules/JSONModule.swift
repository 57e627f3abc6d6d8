import BigInt

/// The `json` module: `dumps` and `loads` with CPython's output and error messages.
enum JSONModule {
    static let dumps = BuiltinFunction(key: "json.dumps") { vm, args, kwargs throws(PyException) in
        guard args.count == 1 else { throw PyException.typeError("dumps() takes 1 positional argument but \(args.count) were given") }
        var options = JSONEncoder.Options()
        for (k, v) in kwargs {
            switch k {
            case "indent":
                switch v {
                case .none: options.indent = nil
                case .int(let n): options.indent = String(repeating: " ", count: max(0, n))
                case .str(let s): options.indent = s
                default: throw PyException.typeError("indent must be an int or a string")
                }
            case "sort_keys": options.sortKeys = try vm.isTruthy(v)
            case "ensure_ascii": options.ensureASCII = try vm.isTruthy(v)
            case "separators":
                let parts = try vm.iterate(v)
                guard parts.count == 2, case .str(let a) = parts[0], case .str(let b) = parts[1] else {
                    throw PyException.valueError("separators must be a (item_separator, key_separator) pair")
                }
                options.separators = (a, b)
            case "default": if !v.isNone { options.defaultFunction = v }
            case "allow_nan": options.allowNaN = try vm.isTruthy(v)
            case "skipkeys": options.skipKeys = try vm.isTruthy(v)
            case "cls": break
            default: throw PyException.typeError("dumps() got an unexpected keyword argument '\(k)'")
            }
        }
        var encoder = JSONEncoder(vm: vm, options: options)
        try encoder.encode(args[args.startIndex], depth: 0)
        return .str(encoder.output)
    }

    static let loads = BuiltinFunction(key: "json.loads") { vm, args, kwargs throws(PyException) in
        guard args.count == 1 else { throw PyException.typeError("loads() takes 1 positional argument but \(args.count) were given") }
        guard case .str(let s) = args[args.startIndex] else {
            throw PyException.typeError("the JSON object must be str, bytes or bytearray, not \(args[args.startIndex].typeName)")
        }
        var parser = JSONParser(text: s)
        return try parser.parseDocument()
    }

    static let functions: [BuiltinFunction] = [dumps, loads]

    static func make() -> ModuleObject {
        StandardModules.module("json", functions, constants: [("JSONDecodeError", .type(Types.jsonDecodeError))])
    }
}

/// Writes Python values as JSON text the way CPython's `json.dumps` does.
struct JSONEncoder {
    struct Options {
        var indent: String? = nil
        var sortKeys = false
        var ensureASCII = true
        var separators: (String, String)? = nil
        var defaultFunction: Value? = nil
        var allowNaN = true
        var skipKeys = false
    }

    let vm: VirtualMachine
    let options: Options
    var output = ""
    var active: Set<ObjectIdentifier> = []

    init(vm: VirtualMachine, options: Options) {
        self.vm = vm
        self.options = options
    }

    var itemSeparator: String { options.separators?.0 ?? (options.indent == nil ? ", " : ",") }
    var keySeparator: String { options.separators?.1 ?? ": " }

    mutating func newline(_ depth: Int) {
        guard let indent = options.indent else { return }
        output += "\n"
        for _ in 0..<depth { output += indent }
    }

    func floatText(_ d: Double) throws(PyException) -> String {
        if d.isNaN || d.isInfinite {
            guard options.allowNaN else { throw PyException.valueError("Out of range float values are not JSON compliant") }
            return d.isNaN ? "NaN" : (d > 0 ? "Infinity" : "-Infinity")
        }
        return PyFormat.floatRepr(d)
    }

    mutating func encode(_ v: Value, depth: Int) throws(PyException) {
        switch v {
        case .none: output += "null"
        case .bool(let b): output += b ? "true" : "false"
        case .int(let i): output += String(i)
        case .bigInt(let b): output += b.value.description
        case .float(let d): output += try floatText(d)
        case .str(let s): writeString(s)
        case .list(let l): try encodeArray(l.items, identity: ObjectIdentifier(l), depth: depth)
        case .tuple(let t): try encodeArray(t, identity: nil, depth: depth)
        case .dict(let d): try encodeObject(d, depth: depth)
        default:
            if let f = options.defaultFunction {
                try encode(try vm.callNested(f, [v]), depth: depth)
                return
            }
            throw PyException.typeError("Object of type \(v.typeName) is not JSON serializable")
        }
    }

    mutating func encodeArray(_ items: [Value], identity: ObjectIdentifier?, depth: Int) throws(PyException) {
        if items.isEmpty {
            output += "[]"
            return
        }
        if let identity {
            guard active.insert(identity).inserted else { throw PyException.valueError("Circular reference detected") }
        }
        output += "["
        for (i, item) in items.enumerated() {
            if i > 0 { output += itemSeparator }
            newline(depth + 1)
            try encode(item, depth: depth + 1)
        }
        newline(depth)
        output += "]"
        if let identity { active.remove(identity) }
    }

    mutating func encodeObject(_ d: DictObject, depth: Int) throws(PyException) {
        if d.count == 0 {
            output += "{}"
            return
        }
        let identity = ObjectIdentifier(d)
        guard active.insert(identity).inserted else { throw PyException.valueError("Circular reference detected") }
        var pairs: [(String, Value)] = []
        for (k, v) in d.pairs {
            let key: String
            switch k {
            case .str(let s): key = s
            case .int(let i): key = String(i)
            case .bigInt(let b): key = b.value.description
            case .float(let f): key = try floatText(f)
            case .bool(let b): key = b ? "true" : "false"
            case .none: key = "null"
            default:
                if options.skipKeys { continue }
                throw PyException.typeError("keys must be str, int, float, bool or None, not \(k.typeName)")
            }
            pairs.append((key, v))
        }
        if options.sortKeys {
            pairs = pairs.enumerated().sorted { a, b in
                vm.codepointLess(a.element.0, b.element.0) || (a.element.0 == b.element.0 && a.offset < b.offset)
            }.map { $0.element }
        }
        output += "{"
        for (i, (k, v)) in pairs.enumerated() {
            if i > 0 { output += itemSeparator }
            newline(depth + 1)
            writeString(k)
            output += keySeparator
            try encode(v, depth: depth + 1)
        }
        newline(depth)
        output += "}"
        active.remove(identity)
    }

    mutating func writeString(_ s: String) {
        output += "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            default:
                if u.value < 0x20 || (options.ensureASCII && u.value > 0x7E) {
                    if u.value > 0xFFFF {
                        let v = u.value - 0x10000
                        output += hex4(0xD800 + (v >> 10)) + hex4(0xDC00 + (v & 0x3FF))
                    } else {
                        output += hex4(u.value)
                    }
                } else {
                    output.unicodeScalars.append(u)
                }
            }
        }
        output += "\""
    }

    func hex4(_ v: UInt32) -> String {
        let h = String(v, radix: 16)
        return "\\u" + String(repeating: "0", count: 4 - h.count) + h
    }
}

/// Parses JSON text into Python values, with CPython's `JSONDecodeError` messages.
struct JSONParser {
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
        guard depth < 900 else { throw PyException(Types.recursionError, "maximum recursion depth exceeded while decoding a JSON array") }
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
        guard depth < 900 else { throw PyException(Types.recursionError, "maximum recursion depth exceeded while decoding a JSON object") }
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
