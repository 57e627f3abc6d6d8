extension VirtualMachine {
    func noAttribute(_ obj: Value, _ name: String) -> PyException {
        switch obj {
        case .module(let m): return PyException.attributeError("module '\(m.name)' has no attribute '\(name)'")
        case .type(let t): return PyException.attributeError("type object '\(t.name)' has no attribute '\(name)'")
        default: return PyException.attributeError("'\(obj.typeName)' object has no attribute '\(name)'")
        }
    }

    /// `obj.name`.
    func getAttribute(_ obj: Value, _ name: String) throws(PyException) -> Value {
        switch obj {
        case .instance(let o):
            let hash = PyHash.string(name)
            if let v = o.attributes.get(name, hash: hash),
                !propertiesMayBeShadowed || !o.cls.hasProperty(name, hash: hash, epoch: classEpoch)
            {
                return v
            }
            if let v = o.cls.lookup(name, hash: hash) { return try bindIfFunction(v, obj) }
            if name == "__class__" { return .type(o.cls) }
            if name == "__dict__" {
                propertiesMayBeShadowed = true
                return .dict(o.attributes)
            }
            if let getattr = o.cls.lookup("__getattr__") {
                return try callValue(getattr, [obj, .str(name)][...], [])
            }
        case .module(let m):
            if let v = m.attributes.get(name) { return v }
            if name == "__name__" { return .str(m.name) }
        case .type(let t):
            if let v = t.lookup(name) {
                if case .native(let n) = v {
                    if let sm = n as? StaticMethodWrapper { return sm.function }
                    if let cm = n as? ClassMethodWrapper { return .boundMethod(BoundMethod(receiver: obj, function: cm.function)) }
                }
                return v
            }
            switch name {
            case "__name__": return .str(t.name)
            case "__qualname__": return .str(t.name)
            case "__module__": return .str(t.module)
            case "__base__": return t.base.map { .type($0) } ?? .none
            case "__doc__": return .none
            default: break
            }
            if let m = Builtins.method(forType: t, name) { return .builtin(m) }
        case .exception(let e):
            if let v = e.attributes?.get(name) { return v }
            switch name {
            case "args": return .tuple(TupleItems(e.args))
            case "__cause__": return e.cause.map { .exception($0) } ?? .none
            case "__context__": return e.context.map { .exception($0) } ?? .none
            case "__suppress_context__": return .bool(e.suppressContext)
            case "__class__": return .type(e.type)
            case "__traceback__": return .none
            default: break
            }
            if let v = e.type.lookup(name) { return try bindIfFunction(v, obj) }
            if name == "add_note" || name == "with_traceback", let m = Builtins.method(for: obj, name) {
                return .boundMethod(BoundMethod(receiver: obj, function: .builtin(m)))
            }
        case .function(let f):
            if let v = f.attributes?.get(name) { return v }
            switch name {
            case "__name__": return .str(f.name)
            case "__qualname__": return .str(f.code.qualifiedName)
            case "__doc__": return .none
            case "__module__": return .str("__main__")
            case "__defaults__": return f.defaults.isEmpty ? .none : .tuple(TupleItems(f.defaults))
            default: break
            }
        case .builtin(let b):
            if name == "__name__" { return .str(b.name) }
            if name == "__qualname__" { return .str(b.key) }
        case .boundMethod(let m):
            if name == "__self__" { return m.receiver }
            if name == "__func__" { return m.function }
            return try getAttribute(m.function, name)
        case .native(let n):
            if let m = n.methods?[name] { return .boundMethod(BoundMethod(receiver: obj, function: .builtin(m))) }
            if let v = try n.attribute(name, self) { return v }
        case .coroutine(let c):
            if name == "__name__" { return .str(c.name) }
        default:
            break
        }
        if name == "__class__" { return .type(obj.typeObject) }
        if let m = Builtins.method(for: obj, name) {
            return .boundMethod(BoundMethod(receiver: obj, function: .builtin(m)))
        }
        if case .list(let l) = obj, l.isDeque, name == "maxlen" { return l.maxLength.map { .int($0) } ?? .none }
        if case .int = obj {
            if name == "real" || name == "numerator" { return obj }
            if name == "imag" { return .int(0) }
            if name == "denominator" { return .int(1) }
        }
        if case .float = obj {
            if name == "real" { return obj }
            if name == "imag" { return .float(0) }
        }
        throw noAttribute(obj, name)
    }

    func bindIfFunction(_ v: Value, _ receiver: Value) throws(PyException) -> Value {
        switch v {
        case .function: return .boundMethod(BoundMethod(receiver: receiver, function: v))
        case .native(let n):
            if let sm = n as? StaticMethodWrapper { return sm.function }
            if let cm = n as? ClassMethodWrapper {
                // Bound to the class: the receiver itself when it is one (`super()` in a class method).
                let cls: Value
                if case .type = receiver { cls = receiver } else { cls = .type(receiver.typeObject) }
                return .boundMethod(BoundMethod(receiver: cls, function: cm.function))
            }
            if let p = n as? PropertyWrapper { return try callValue(p.getter, [receiver][...], []) }
            return v
        default: return v
        }
    }

    /// For `obj.name(...)`: the callable and its receiver (`.none` when there is none), without
    /// allocating a bound method for the common cases.
    @inline(__always)
    func loadMethod(_ obj: Value, _ name: String) throws(PyException) -> (Value, Value) {
        switch obj {
        case .list, .str, .dict, .set, .tuple, .int, .float, .bigInt, .bool:
            if let m = Builtins.method(for: obj, name) { return (.builtin(m), obj) }
        case .instance(let o):
            if o.attributes.get(name) == nil, let v = o.cls.lookup(name), case .function = v {
                return (v, obj)
            }
        case .native(let n):
            if let m = n.methods?[name] { return (.builtin(m), obj) }
            if let s = n as? SuperObject, let (fn, receiver) = s.method(name) { return (fn, receiver) }
        default:
            break
        }
        return (try getAttribute(obj, name), .none)
    }

    /// `obj.name = value`; `hash` is the name's ``PyHash`` when the caller has it (bytecode).
    func setAttribute(_ obj: Value, _ name: String, _ value: Value, hash: Int? = nil) throws(PyException) {
        switch obj {
        case .instance(let o):
            let hash = hash ?? PyHash.string(name)
            if let setter = o.cls.lookup(name, hash: hash), case .native(let n) = setter, let p = n as? PropertyWrapper {
                guard let s = p.setter else { throw PyException.attributeError("can't set attribute '\(name)'") }
                _ = try callValue(s, [obj, value][...], [])
                return
            }
            if let setattr = o.cls.lookup("__setattr__", hash: TypeObject.setattrHash) {
                _ = try callValue(setattr, [obj, .str(name), value][...], [])
                return
            }
            o.attributes.set(name, hash: hash, value)
        case .type(let t) where !t.isBuiltin:
            t.attributes.set(name, value)
            classEpoch &+= 1
            if case .native(let n) = value, n is PropertyWrapper { propertiesMayBeShadowed = true }
        case .function(let f):
            if name == "__name__", case .str(let s) = value {
                f.name = s
                return
            }
            if f.attributes == nil { f.attributes = DictObject() }
            f.attributes?.set(name, value)
        case .exception(let e):
            if name == "__cause__" {
                if case .exception(let c) = value { e.cause = c } else { e.cause = nil }
                e.suppressContext = true
                return
            }
            if name == "args" {
                e.args = try iterate(value)
                return
            }
            if e.attributes == nil { e.attributes = DictObject() }
            e.attributes?.set(name, value)
        case .module(let m):
            m.attributes.set(name, value)
        default:
            if obj.objectIdentity == nil || Builtins.method(for: obj, name) != nil {
                throw PyException.attributeError("'\(obj.typeName)' object attribute '\(name)' is read-only")
            }
            throw PyException.attributeError("'\(obj.typeName)' object has no attribute '\(name)'")
        }
    }

    func deleteAttribute(_ obj: Value, _ name: String) throws(PyException) {
        switch obj {
        case .instance(let o):
            guard o.attributes.removeValue(forKey: HashKey(unchecked: .str(name))) != nil else { throw noAttribute(obj, name) }
        case .function(let f):
            guard f.attributes?.removeValue(forKey: HashKey(unchecked: .str(name))) != nil else { throw noAttribute(obj, name) }
        default:
            throw noAttribute(obj, name)
        }
    }
}

/// `@staticmethod`
final class StaticMethodWrapper: NativeObject, @unchecked Sendable {
    let function: Value
    init(_ f: Value) { function = f }
    override var type: TypeObject { Types.builtin("staticmethod") }
    override var kindTag: String { "staticmethod" }
    override var encodedFields: [Value] { [function] }
}

/// `@classmethod`
final class ClassMethodWrapper: NativeObject, @unchecked Sendable {
    let function: Value
    init(_ f: Value) { function = f }
    override var type: TypeObject { Types.builtin("classmethod") }
    override var kindTag: String { "classmethod" }
    override var encodedFields: [Value] { [function] }
}

/// `@property` (with an optional setter).
final class PropertyWrapper: NativeObject, @unchecked Sendable {
    let getter: Value
    var setter: Value?
    init(_ g: Value, setter: Value? = nil) {
        getter = g
        self.setter = setter
    }
    override var type: TypeObject { Types.builtin("property") }
    override var kindTag: String { "property" }
    override var encodedFields: [Value] { [getter, setter ?? .none] }
    override func attribute(_ name: String, _ vm: VirtualMachine) throws(PyException) -> Value? {
        if name == "setter" {
            return .builtin(
                BuiltinFunction(key: "property.setter") { _, args, _ throws(PyException) in
                    guard let f = args.first else { throw PyException.typeError("setter() takes exactly one argument") }
                    return .native(PropertyWrapper(self.getter, setter: f))
                })
        }
        return nil
    }
}
