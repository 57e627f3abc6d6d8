/// Writes Python values as JSON text the way CPython's `json.dumps` does.
struct JSONTextEncoder {
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
        case .instance(let o) where o.plainField != nil:
            // An object that stands for one of its fields (a message object: its text).
            try encode(o.plainField ?? .none, depth: depth)
        default:
            if let f = options.defaultFunction {
                try encode(try vm.callNested(f, [v]), depth: depth)
                return
            }
            throw PyException.typeError("Object of type \(v.typeName) is not JSON serializable")
        }
    }

    mutating func encodeArray<C: Collection>(_ items: C, identity: ObjectIdentifier?, depth: Int) throws(PyException)
    where C.Element == Value {
        try vm.enterNativeRecursion(NativeRecursionContext.jsonEncoding)
        defer { vm.leaveNativeRecursion() }
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
        try vm.enterNativeRecursion(NativeRecursionContext.jsonEncoding)
        defer { vm.leaveNativeRecursion() }
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
