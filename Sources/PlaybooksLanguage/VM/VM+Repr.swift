import BigInt

extension VirtualMachine {
    /// CPython 3.11's error for an int of more than 4300 decimal digits converted to text.
    static func intToStringLimitError() -> PyException {
        PyException.valueError(
            "Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit")
    }

    /// `repr(v)`.
    func repr(_ v: Value) throws(PyException) -> String {
        switch v {
        case .none: return "None"
        case .bool(let b): return b ? "True" : "False"
        case .int(let i): return String(i)
        case .bigInt(let b):
            // CPython 3.11 refuses to convert ints of more than 4300 digits to text.
            if b.value.magnitude.bitWidth > 14_280 {
                // 2**14_285 > 10**4300: wider ints have more digits than allowed; converting them
                // first would take time quadratic in their size.
                if b.value.magnitude.bitWidth > 14_285 { throw Self.intToStringLimitError() }
                let text = b.value.description
                if text.utf8.count - (b.value < 0 ? 1 : 0) > 4300 { throw Self.intToStringLimitError() }
                return text
            }
            return b.value.description
        case .float(let d): return PyFormat.floatRepr(d)
        case .str(let s): return quoteString(s)
        case .ellipsis: return "Ellipsis"
        case .tuple(let items):
            if items.count == 1 {
                try enterNativeRecursion(NativeRecursionContext.repr)
                defer { leaveNativeRecursion() }
                return "(" + (try repr(items[0])) + ",)"
            }
            return "(" + (try joinedReprs(items)) + ")"
        case .list(let l):
            return try guarded(l, "[...]") { () throws(PyException) in
                let inner = "[" + (try joinedReprs(l.items)) + "]"
                guard l.isDeque else { return inner }
                if let m = l.maxLength { return "deque(\(inner), maxlen=\(m))" }
                return "deque(\(inner))"
            }
        case .dict(let d):
            return try guarded(d, "{...}") { () throws(PyException) in try dictRepr(d) }
        case .set(let s):
            let items = s.storage.elements.map { $0.value }
            if items.isEmpty { return s.isFrozen ? "frozenset()" : "set()" }
            let inner = "{" + (try joinedReprs(setDisplayOrder(items))) + "}"
            return s.isFrozen ? "frozenset(\(inner))" : inner
        case .range(let r):
            return r.step == 1 ? "range(\(r.start), \(r.stop))" : "range(\(r.start), \(r.stop), \(r.step))"
        case .slice(let s):
            return "slice(\(try repr(s.start)), \(try repr(s.stop)), \(try repr(s.step)))"
        case .function(let f):
            return "<function \(f.code.qualifiedName) at \(fakeAddress(f))>"
        case .builtin(let b):
            return "<built-in function \(b.name)>"
        case .boundMethod(let m):
            if case .builtin(let b) = m.function {
                return "<built-in method \(b.name) of \(m.receiver.typeName) object at \(fakeAddress(b))>"
            }
            if case .function(let f) = m.function {
                return "<bound method \(f.code.qualifiedName) of \(try repr(m.receiver))>"
            }
            return "<bound method>"
        case .type(let t):
            if t.isBuiltin { return t.module == "builtins" ? "<class '\(t.name)'>" : "<class '\(t.module).\(t.name)'>" }
            return "<class '__main__.\(t.name)'>"
        case .exception(let e):
            if !e.type.isBuiltin, let m = e.type.lookup("__repr__") { return try str(try callValue(m, [v][...], [])) }
            if e.args.count == 1 { return "\(e.type.name)(\(try repr(e.args[0])))" }
            return "\(e.type.name)(\(try joinedReprs(e.args)))"
        case .module(let m):
            return "<module '\(m.name)' (built-in)>"
        case .iterator(let it):
            return "<\(it.kindName) object at \(fakeAddress(it))>"
        case .coroutine(let c):
            return "<coroutine object \(c.name) at \(fakeAddress(c))>"
        case .hostCall(let h):
            return "<host call \(h.name)>"
        case .instance(let o):
            if let m = o.cls.lookup("__repr__") {
                let r = try callValue(m, [v][...], [])
                guard case .str(let s) = r else {
                    throw PyException.typeError("__repr__ returned non-string (type \(r.typeName))")
                }
                return s
            }
            return "<__main__.\(o.cls.name) object at \(fakeAddress(o))>"
        case .native(let n):
            return try n.repr(self)
        }
    }

    /// `str(v)`.
    func str(_ v: Value) throws(PyException) -> String {
        switch v {
        case .str(let s): return s
        case .int(let i): return String(i)
        case .float(let d): return PyFormat.floatRepr(d)
        case .exception(let e):
            if !e.type.isBuiltin, let m = e.type.lookup("__str__") {
                return try str(try callValue(m, [v][...], []))
            }
            switch e.args.count {
            case 0: return ""
            case 1:
                if e.type.isSubclass(of: Types.keyError) { return try repr(e.args[0]) }
                return try str(e.args[0])
            default: return try repr(.tuple(TupleItems(e.args)))
            }
        case .instance(let o):
            if let m = o.cls.lookup("__str__") {
                let r = try callValue(m, [v][...], [])
                guard case .str(let s) = r else {
                    throw PyException.typeError("__str__ returned non-string (type \(r.typeName))")
                }
                return s
            }
            return try repr(v)
        case .native(let n):
            return try n.str(self)
        default:
            return try repr(v)
        }
    }

    func joinedReprs<C: Collection>(_ items: C) throws(PyException) -> String where C.Element == Value {
        try enterNativeRecursion(NativeRecursionContext.repr)
        defer { leaveNativeRecursion() }
        var out = ""
        for (i, item) in items.enumerated() {
            if i > 0 { out += ", " }
            out += try repr(item)
        }
        return out
    }

    func dictRepr(_ d: DictObject) throws(PyException) -> String {
        try enterNativeRecursion(NativeRecursionContext.repr)
        defer { leaveNativeRecursion() }
        var pairs = d.pairs
        if case .counter = d.flavor {
            // Counter shows its items most common first (a stable sort keeps ties in order).
            pairs = try stableSortedByCountDescending(pairs)
        }
        var body = "{"
        for (i, (k, v)) in pairs.enumerated() {
            if i > 0 { body += ", " }
            body += try repr(k) + ": " + repr(v)
        }
        body += "}"
        switch d.flavor {
        case .plain: return body
        case .counter: return pairs.isEmpty ? "Counter()" : "Counter(\(body))"
        case .defaultdict(let factory):
            return "defaultdict(\(try repr(factory)), \(body))"
        case .ordered:
            if pairs.isEmpty { return "OrderedDict()" }
            var items: [Value] = []
            for (k, v) in pairs { items.append(.tuple([k, v])) }
            return "OrderedDict(\(try repr(.list(ListObject(items)))))"
        }
    }

    func stableSortedByCountDescending(_ pairs: [(key: Value, value: Value)]) throws(PyException) -> [(key: Value, value: Value)] {
        var indexed = Array(pairs.enumerated())
        var failure: PyException?
        indexed.sort { a, b in
            do throws(PyException) {
                if try self.lessThan(b.element.value, a.element.value, "<") { return true }
                if try self.lessThan(a.element.value, b.element.value, "<") { return false }
            } catch {
                failure = error
            }
            return a.offset < b.offset
        }
        if let failure { throw failure }
        return indexed.map { $0.element }
    }

    /// Sets of ints print in CPython's hash-table order.
    func setDisplayOrder(_ items: [Value]) -> [Value] {
        CPythonSetOrder.order(items) ?? items
    }

    func guarded(_ obj: AnyObject, _ placeholder: String, _ body: () throws(PyException) -> String) throws(PyException) -> String {
        let id = ObjectIdentifier(obj)
        if reprGuard.contains(id) { return placeholder }
        reprGuard.insert(id)
        defer { reprGuard.remove(id) }
        return try body()
    }

    func fakeAddress(_ obj: AnyObject) -> String {
        "0x" + String(UInt(bitPattern: ObjectIdentifier(obj).hashValue), radix: 16)
    }

    /// Python's string repr: single quotes unless the text has a single quote and no double quote.
    func quoteString(_ s: String) -> String { VirtualMachine.quoteText(s) }

    /// Python's string repr, without a VM.
    static func quoteText(_ s: String) -> String {
        let useDouble = s.contains("'") && !s.contains("\"")
        let quote: Character = useDouble ? "\"" : "'"
        var out = String(quote)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if Character(scalar) == quote {
                    out += "\\" + String(quote)
                } else if isPrintable(scalar) {
                    out.unicodeScalars.append(scalar)
                } else {
                    out += escapeScalar(scalar)
                }
            }
        }
        out.append(quote)
        return out
    }

    static func escapeScalar(_ scalar: Unicode.Scalar) -> String {
        let v = scalar.value
        if v < 0x100 { return "\\x" + hexDigits(v, 2) }
        if v < 0x10000 { return "\\u" + hexDigits(v, 4) }
        return "\\U" + hexDigits(v, 8)
    }

    static func hexDigits(_ v: UInt32, _ width: Int) -> String {
        let h = String(v, radix: 16)
        return String(repeating: "0", count: max(0, width - h.count)) + h
    }

    static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x20 || v == 0x7F { return false }
        if v < 0x7F { return true }
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator, .spaceSeparator:
            return false
        default:
            return true
        }
    }

    /// `ascii(v)`: non-ASCII characters escaped.
    func asciiEscaped(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            if scalar.value < 0x80 { out.unicodeScalars.append(scalar) } else { out += VirtualMachine.escapeScalar(scalar) }
        }
        return out
    }

    /// `format(v, spec)` / f-string fields.
    func format(_ v: Value, _ spec: String) throws(PyException) -> String {
        switch v {
        case .str(let s): return try formatting { () throws(PyFormatError) in try PyFormat.format(string: s, spec: spec) }
        case .int(let i):
            if spec.isEmpty { return String(i) }
            return try formatting { () throws(PyFormatError) in
                try PyFormat.formatInt(i, intSpecs.spec(for: spec, parse: PyFormat.parseIntSpec))
            }
        case .bool(let b):
            if spec.isEmpty { return b ? "True" : "False" }
            return try formatting { () throws(PyFormatError) in try PyFormat.format(int: b ? 1 : 0, spec: spec) }
        case .bigInt(let b): return try formatting { () throws(PyFormatError) in try PyFormat.format(int: b.value, spec: spec) }
        case .float(let d):
            if spec.isEmpty { return PyFormat.floatRepr(d) }
            return try formatting { () throws(PyFormatError) in
                try PyFormat.formatFloat(d, floatSpecs.spec(for: spec, parse: PyFormat.parseFloatSpec))
            }
        case .instance(let o):
            if let m = o.cls.lookup("__format__") {
                return try str(try callValue(m, [v, .str(spec)][...], []))
            }
        case .native(let n):
            if let f = try n.attribute("__format__", self) {
                return try str(try callValue(f, [.str(spec)][...], []))
            }
        default:
            break
        }
        if spec.isEmpty { return try str(v) }
        throw PyException.typeError("unsupported format string passed to \(v.typeName).__format__")
    }

    /// Runs a formatting routine, turning its error into the Python exception it names.
    func formatting<T>(_ body: () throws(PyFormatError) -> T) throws(PyException) -> T {
        do {
            return try body()
        } catch {
            throw PyException(Types.byQualifiedName["builtins." + error.typeName] ?? Types.valueError, error.message)
        }
    }
}
