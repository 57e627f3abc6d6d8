import BigInt

extension Builtins {
    /// Calls of built-in types: `int("7")`, `list(x)`, `dict(a=1)`, ...
    static func construct(
        _ vm: VirtualMachine, _ t: TypeObject, _ args: ArraySlice<Value>, _ kwargs: [(String, Value)]
    ) throws(PyException) -> Value {
        if t.module == "datetime" { return try DatetimeModule.construct(vm, t, args, kwargs) }
        let r = ArgumentReader(t.name, args, kwargs)
        switch t.name {
        case "int":
            try r.checkKeywords(["base"])
            guard let v = r.optional(0) else { return .int(0) }
            if let baseValue = r.optional(1, "base") {
                let base = try vm.integerArgument(baseValue)
                guard case .str(let s) = v else {
                    throw PyException.typeError("int() can't convert non-string with explicit base")
                }
                guard base == 0 || (2...36).contains(base) else { throw PyException.valueError("int() base must be >= 2 and <= 36, or 0") }
                guard let b = PyFormat.parseInt(s, base: base) else {
                    throw PyException.valueError("invalid literal for int() with base \(base): \(vm.quoteString(s))")
                }
                return .integer(b)
            }
            return try vm.toInt(v)
        case "float":
            try r.expect(0, 1)
            guard let v = r.optional(0) else { return .float(0) }
            return try vm.toFloat(v)
        case "str":
            try r.checkKeywords(["object"])
            guard let v = r.optional(0, "object") else { return .str("") }
            return .str(try vm.str(v))
        case "bool":
            try r.expect(0, 1)
            guard let v = r.optional(0) else { return .bool(false) }
            return .bool(try vm.isTruthy(v))
        case "list":
            try r.expect(0, 1)
            guard let v = r.optional(0) else { return .list(ListObject()) }
            return .list(ListObject(try vm.iterate(v)))
        case "tuple":
            try r.expect(0, 1)
            guard let v = r.optional(0) else { return .tuple([]) }
            if case .tuple = v { return v }
            return .tuple(TupleItems(try vm.iterate(v)))
        case "set", "frozenset":
            try r.expect(0, 1)
            let s = SetObject(OrderedKeySet(), frozen: t.name == "frozenset")
            if let v = r.optional(0) {
                for item in try vm.iterate(v) { s.storage.insert(try vm.hashKey(item, in: s)) }
            }
            return .set(s)
        case "dict":
            try r.expect(0, 1, noKeywords: false)
            let d = DictObject()
            if let v = r.optional(0) { try vm.dictUpdate(d, from: v) }
            for (k, v) in kwargs { d.set(k, v) }
            return .dict(d)
        case "range":
            try r.expect(1, 3)
            var start = 0
            var stop = 0
            var step = 1
            if args.count == 1 {
                stop = try vm.rangeArgument(r[0])
            } else {
                start = try vm.rangeArgument(r[0])
                stop = try vm.rangeArgument(r[1])
                if args.count == 3 { step = try vm.rangeArgument(r[2]) }
            }
            if step == 0 { throw PyException.valueError("range() arg 3 must not be zero") }
            return .range(RangeValue(start: start, stop: stop, step: step))
        case "type":
            if args.count == 1 { return .type(r[0].typeObject) }
            throw PyException.typeError("type() takes 1 argument")
        case "object":
            try r.expect(0, 0)
            return .instance(InstanceObject(cls: Types.object))
        case "slice":
            try r.expect(1, 3)
            if args.count == 1 { return .slice(SliceValue(start: .none, stop: r[0], step: .none)) }
            return .slice(SliceValue(start: r[0], stop: r[1], step: args.count == 3 ? r[2] : .none))
        case "Counter":
            let d = DictObject()
            d.flavor = .counter
            if let v = r.optional(0) { try vm.counterUpdate(d, v, sign: 1) }
            for (k, v) in kwargs { d.set(k, v) }
            return .dict(d)
        case "defaultdict":
            let d = DictObject()
            let factory = r.optional(0) ?? .none
            switch factory {
            case .none, .type, .function, .builtin, .boundMethod: break
            default: throw PyException.typeError("first argument must be callable or None")
            }
            d.flavor = .defaultdict(factory)
            if let v = r.optional(1) { try vm.dictUpdate(d, from: v) }
            for (k, v) in kwargs { d.set(k, v) }
            return .dict(d)
        case "OrderedDict":
            let d = DictObject()
            d.flavor = .ordered
            if let v = r.optional(0) { try vm.dictUpdate(d, from: v) }
            for (k, v) in kwargs { d.set(k, v) }
            return .dict(d)
        case "deque":
            let l = ListObject(try r.optional(0).map { (v) throws(PyException) in try vm.iterate(v) } ?? [])
            l.isDeque = true
            if let m = r.optional(1, "maxlen"), !m.isNone {
                let n = try vm.integerArgument(m)
                if n < 0 { throw PyException.valueError("maxlen must be non-negative") }
                l.maxLength = n
                l.trimToMaxLength(addedAtEnd: true)
            }
            return .list(l)
        default:
            throw PyException.typeError("cannot create '\(t.name)' instances")
        }
    }
}

extension VirtualMachine {
    func rangeArgument(_ v: Value) throws(PyException) -> Int {
        switch v {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        case .bigInt: throw PyException.overflow("Python int too large to convert to C ssize_t")
        default: throw PyException.typeError("'\(v.typeName)' object cannot be interpreted as an integer")
        }
    }

    func toInt(_ v: Value) throws(PyException) -> Value {
        switch v {
        case .int, .bigInt: return v
        case .bool(let b): return .int(b ? 1 : 0)
        case .float(let d):
            if d.isNaN { throw PyException.valueError("cannot convert float NaN to integer") }
            if d.isInfinite { throw PyException.overflow("cannot convert float infinity to integer") }
            let t = d.rounded(.towardZero)
            if let i = Int(exactly: t) { return .int(i) }
            return .integer(BigInt(t))
        case .str(let s):
            if let i = Self.quickDecimal(s) { return .int(i) }
            // CPython 3.11 refuses more than 4300 digits (parsing them takes quadratic time).
            if s.utf8.count > 4300 {
                let digits = s.utf8.reduce(0) { $0 + ($1 >= 0x30 && $1 <= 0x39 ? 1 : 0) }
                if digits > 4300 {
                    throw PyException.valueError(
                        "Exceeds the limit (4300 digits) for integer string conversion: value has \(digits) digits; use sys.set_int_max_str_digits() to increase the limit"
                    )
                }
            }
            guard let b = PyFormat.parseInt(s, base: 10) else {
                throw PyException.valueError("invalid literal for int() with base 10: \(quoteString(s))")
            }
            return .integer(b)
        case .instance(let o):
            if let m = o.cls.lookup("__int__") { return try callValue(m, [v][...], []) }
        default:
            break
        }
        throw PyException.typeError("int() argument must be a string, a bytes-like object or a real number, not '\(v.typeName)'")
    }

    /// Short plain decimal strings ("42", "-7") without the general parser.
    static func quickDecimal(_ s: String) -> Int? {
        let utf8 = s.utf8
        guard utf8.count > 0, utf8.count <= 18 else { return nil }
        var value = 0
        var negative = false
        var digits = 0
        for (i, b) in utf8.enumerated() {
            if i == 0 && (b == 0x2D || b == 0x2B) {
                negative = b == 0x2D
                continue
            }
            guard b >= 0x30 && b <= 0x39 else { return nil }
            value = value * 10 + Int(b - 0x30)
            digits += 1
        }
        return digits > 0 ? (negative ? -value : value) : nil
    }

    func toFloat(_ v: Value) throws(PyException) -> Value {
        switch v {
        case .float: return v
        case .int, .bool, .bigInt:
            guard let d = try Arithmetic.toDouble(v) else { break }
            return .float(d)
        case .str(let s):
            guard let d = PyFormat.parseFloat(s) else {
                throw PyException.valueError("could not convert string to float: \(quoteString(s))")
            }
            return .float(d)
        case .instance(let o):
            if let m = o.cls.lookup("__float__") { return try callValue(m, [v][...], []) }
        default:
            break
        }
        throw PyException.typeError("float() argument must be a string or a real number, not '\(v.typeName)'")
    }

    /// `d.update(other)` / `dict(other)`: a mapping or an iterable of pairs.
    func dictUpdate(_ d: DictObject, from v: Value) throws(PyException) {
        if case .dict(let src) = v {
            for (k, val) in src.hashedPairs { d[try lookupKey(k, in: d)] = val }
            return
        }
        if case .instance(let o) = v, o.cls.lookup("keys") != nil {
            for k in try iterate(try callValue(try getAttribute(v, "keys"), [][...], [])) {
                d[try hashKey(k, in: d)] = try getItem(v, k)
            }
            return
        }
        for (i, item) in try iterate(v).enumerated() {
            let pair: [Value]
            switch item {
            case .tuple(let t): pair = t.array
            case .list(let l): pair = l.items
            default:
                if case .str(let s) = item, s.unicodeScalars.count == 2 {
                    pair = try iterate(item)
                } else {
                    throw PyException.typeError("cannot convert dictionary update sequence element #\(i) to a sequence")
                }
            }
            guard pair.count == 2 else {
                throw PyException.valueError("dictionary update sequence element #\(i) has length \(pair.count); 2 is required")
            }
            d[try hashKey(pair[0], in: d)] = pair[1]
        }
    }

    /// `__build_class__`: runs the class body and builds the class.
    func buildClass(_ args: ArraySlice<Value>) throws(PyException) -> Value {
        guard args.count >= 2, case .function(let body) = args[args.startIndex], case .str(let name) = args[args.startIndex + 1] else {
            throw PyException.typeError("__build_class__: bad arguments")
        }
        var base: TypeObject? = Types.object
        if args.count > 3 { throw PyException.typeError("multiple inheritance is not supported") }
        if args.count == 3 {
            guard case .type(let b) = args[args.startIndex + 2] else {
                throw PyException.typeError("bases must be types")
            }
            base = b
        }
        let attributes = DictObject()
        let cls = TypeObject(name: name, base: base, attributes: attributes, isBuiltin: false)
        let frame = try makeFrame(body, [][...], [])
        frame.isClassBody = true
        _ = try runNested(frame)
        var seen: Set<String> = []
        let locals = frame.locals
        for (i, n) in body.code.localNames.enumerated() where !seen.contains(n) && i < locals.count {
            seen.insert(n)
            if let v = locals[i] { attributes.set(n, v) }
        }
        // CPython: a class that defines __eq__ but not __hash__ gets __hash__ = None (unhashable).
        if attributes.get("__eq__") != nil && attributes.get("__hash__") == nil { attributes.set("__hash__", .none) }
        return .type(cls)
    }

    /// `super()` inside a method: the method's class is found from the running code.
    func makeSuper(_ args: ArraySlice<Value>) throws(PyException) -> Value {
        if args.count == 2, case .type(let t) = args[args.startIndex] {
            return .native(SuperObject(start: t.base, receiver: args[args.startIndex + 1]))
        }
        guard let frame = frames.last, frame.code.positionalCount > 0, let receiver = frame.local(0) ?? (frame.cells.first?.value) else {
            throw PyException.runtimeError("super(): no arguments")
        }
        var t: TypeObject? = receiver.typeObject
        if case .type(let cls) = receiver { t = cls }
        // The running code is a method of the class, or the getter or setter of one of its
        // properties, or a class method.
        func runs(_ value: Value) -> Bool {
            switch value {
            case .function(let f): return f.code === frame.code
            case .native(let n):
                if let p = n as? PropertyWrapper { return runs(p.getter) || (p.setter.map(runs) ?? false) }
                if let c = n as? ClassMethodWrapper { return runs(c.function) }
                return false
            default: return false
            }
        }
        while let c = t {
            if c.attributes.containsValue(where: runs) { return .native(SuperObject(start: c.base, receiver: receiver)) }
            t = c.base
        }
        throw PyException.runtimeError("super(): __class__ cell not found")
    }
}

/// The object `super()` returns: looks attributes up starting above the defining class.
final class SuperObject: NativeObject, @unchecked Sendable {
    let start: TypeObject?
    let receiver: Value
    init(start: TypeObject?, receiver: Value) {
        self.start = start
        self.receiver = receiver
    }
    override var type: TypeObject { Types.builtin("super") }
    override var kindTag: String { "super" }
    override var encodedFields: [Value] { [start.map { .type($0) } ?? .none, receiver] }

    /// A plain function found above the defining class, with its receiver (for `super().m(...)`
    /// calls without a bound-method allocation).
    func method(_ name: String) -> (Value, Value)? {
        let hash = PyHash.string(name)
        var t = start
        while let c = t {
            if let v = c.attributes.get(name, hash: hash) {
                if case .function = v { return (v, receiver) }
                return nil
            }
            if c.isBuiltin { return nil }
            t = c.base
        }
        return nil
    }

    override func attribute(_ name: String, _ vm: VirtualMachine) throws(PyException) -> Value? {
        var t = start
        while let c = t {
            if let v = c.attributes.get(name) { return try vm.bindIfFunction(v, receiver) }
            if c.isBuiltin { break }
            t = c.base
        }
        if name == "__init__" {
            // Built-in bases: exceptions keep their args; `object.__init__` does nothing.
            return .builtin(
                BuiltinFunction(key: "super.__init__") { [receiver] _, args, _ throws(PyException) in
                    if case .exception(let e) = receiver { e.args = Array(args) }
                    return .none
                })
        }
        if name == "__str__" || name == "__repr__" {
            return .builtin(
                BuiltinFunction(key: "super." + name) { [receiver] vm, _, _ throws(PyException) in
                    if case .exception(let e) = receiver {
                        let plain = ExceptionObject(type: Types.exception, args: e.args)
                        return .str(name == "__str__" ? try vm.str(.exception(plain)) : try vm.repr(.exception(plain)))
                    }
                    return .str("<object>")
                })
        }
        return nil
    }
}
