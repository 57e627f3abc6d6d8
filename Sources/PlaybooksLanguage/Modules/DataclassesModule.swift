/// `dataclasses`: `@dataclass` generates `__init__`, `__repr__` and `__eq__` as Python source
/// compiled for the class, so instances stay plain suspendable objects.
enum DataclassesModule {
    /// Marker returned by `field(...)`.
    final class FieldSpec: NativeObject, @unchecked Sendable {
        let defaultValue: Value?
        let factory: Value?
        init(defaultValue: Value?, factory: Value?) {
            self.defaultValue = defaultValue
            self.factory = factory
        }
        override var kindTag: String { "dataclasses.Field" }
        override var encodedFields: [Value] { [defaultValue ?? .ellipsis, factory ?? .ellipsis] }
    }

    static let field = BuiltinFunction(key: "dataclasses.field") { _, args, kwargs throws(PyException) in
        if !args.isEmpty { throw PyException.typeError("field() takes 0 positional arguments but \(args.count) were given") }
        var d: Value? = nil
        var f: Value? = nil
        for (k, v) in kwargs {
            switch k {
            case "default": d = v
            case "default_factory": f = v
            case "repr", "compare", "init", "hash", "metadata", "kw_only": break
            default: throw PyException.typeError("field() got an unexpected keyword argument '\(k)'")
            }
        }
        if d != nil && f != nil { throw PyException.valueError("cannot specify both default and default_factory") }
        return .native(FieldSpec(defaultValue: d, factory: f))
    }

    static let dataclass = BuiltinFunction(key: "dataclasses.dataclass") { vm, args, kwargs throws(PyException) in
        var options: [String: Bool] = [:]
        for (k, v) in kwargs { options[k] = try vm.isTruthy(v) }
        if let first = args.first, case .type(let cls) = first {
            return try decorate(vm, cls, options)
        }
        let captured = options
        return .builtin(
            BuiltinFunction(key: "dataclasses.dataclass.decorator") { vm, args, _ throws(PyException) in
                guard let first = args.first, case .type(let cls) = first else {
                    throw PyException.typeError("dataclass() should be called on a class")
                }
                return try decorate(vm, cls, captured)
            })
    }

    static let functions: [BuiltinFunction] = [field, dataclass]

    static func make(_ vm: VirtualMachine) throws(PyException) -> ModuleObject {
        let m = StandardModules.module("dataclasses", functions)
        m.attributes.set("asdict", .builtin(asdict))
        return m
    }

    static let asdict = BuiltinFunction(key: "dataclasses.asdict") { vm, args, _ throws(PyException) in
        guard let first = args.first, case .instance(let o) = first, case .list(let fields)? = o.cls.lookup("__dataclass_fields__") else {
            throw PyException.typeError("asdict() should be called on dataclass instances")
        }
        let d = DictObject()
        for f in fields.items {
            guard case .str(let name) = f else { continue }
            d.set(name, o.attributes.get(name) ?? .none)
        }
        return .dict(d)
    }

    static func decorate(_ vm: VirtualMachine, _ cls: TypeObject, _ options: [String: Bool]) throws(PyException) -> Value {
        var fields: [String] = []
        if case .dict(let ann)? = cls.attributes.get("__annotations__") {
            for k in ann.keys { if case .str(let s) = k { fields.append(s) } }
        }
        let ns = Namespace()
        var params: [String] = []
        var body: [String] = []
        // A plain field: `name` or `name=_default_name`, assigned as given.
        func addParameter(_ name: String, default value: Value?) {
            if let value {
                ns["_default_\(name)"] = value
                params.append("\(name)=_default_\(name)")
            } else {
                params.append(name)
            }
            body.append("self.\(name) = \(name)")
        }
        for name in fields {
            let current = cls.attributes.get(name)
            if case .native(let n)? = current, let spec = n as? FieldSpec {
                if let f = spec.factory {
                    ns["_factory_\(name)"] = f
                    ns["_MISSING"] = .native(NotImplementedMarker.shared)
                    params.append("\(name)=_MISSING")
                    body.append("self.\(name) = _factory_\(name)() if \(name) is _MISSING else \(name)")
                } else {
                    addParameter(name, default: spec.defaultValue)
                }
                cls.attributes.removeValue(forKey: HashKey(unchecked: .str(name)))
            } else {
                addParameter(name, default: current)
            }
        }
        if cls.lookup("__post_init__") != nil { body.append("self.__post_init__()") }
        if body.isEmpty { body.append("pass") }
        let reprFields = fields.map { "\($0)={self.\($0)!r}" }.joined(separator: ", ")
        let tupleOf = { (who: String) in "(" + fields.map { "\(who).\($0)" }.joined(separator: ", ") + (fields.count == 1 ? ",)" : ")") }
        var source = "class \(cls.name):\n"
        source += "    def __init__(self\(params.isEmpty ? "" : ", " + params.joined(separator: ", "))):\n"
        for line in body { source += "        \(line)\n" }
        source += "    def __repr__(self):\n        return f\"\(cls.name)(\(reprFields))\"\n"
        source += "    def __eq__(self, other):\n        if other.__class__ is not self.__class__:\n            return NotImplemented\n"
        source += "        return \(tupleOf("self")) == \(tupleOf("other"))\n"
        if options["order"] == true {
            for (op, sym) in [("__lt__", "<"), ("__le__", "<="), ("__gt__", ">"), ("__ge__", ">=")] {
                source += "    def \(op)(self, other):\n        return \(tupleOf("self")) \(sym) \(tupleOf("other"))\n"
            }
        }
        let code: CodeObject
        do {
            code = try Compiler.compile(source: source, filename: "<dataclass \(cls.name)>", namespace: ns)
        } catch {
            throw PyException.runtimeError("dataclass generation failed: \(error.message)")
        }
        let frame = Frame(code: code, globals: ns, locals: Array(repeating: nil, count: code.localNames.count), cells: [])
        _ = try vm.runNested(frame)
        guard case .type(let generated)? = ns[cls.name] else { return .type(cls) }
        for (k, v) in generated.attributes.pairs {
            guard case .str(let name) = k else { continue }
            if name == "__repr__" && cls.attributes.get("__repr__") != nil { continue }
            if name == "__eq__" && cls.attributes.get("__eq__") != nil { continue }
            cls.attributes.set(name, v)
        }
        cls.attributes.set("__dataclass_fields__", .list(ListObject(fields.map { .str($0) })))
        return .type(cls)
    }
}
