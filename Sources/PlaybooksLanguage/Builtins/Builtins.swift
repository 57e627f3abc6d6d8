/// The built-in namespace and the registry of every Swift-implemented function by key.
enum Builtins {
    /// Global built-ins by name (functions, types, exception classes, constants).
    static let globals: [String: Value] = {
        var g: [String: Value] = [:]
        for f in functions { g[f.name] = .builtin(f) }
        for t in Types.all where t.module == "builtins" { g[t.name] = .type(t) }
        g["NotImplemented"] = .native(NotImplementedMarker.shared)
        g["Ellipsis"] = .ellipsis
        for hidden in [
            "host_call", "list_iterator", "function", "builtin_function_or_method", "method", "module", "coroutine", "NoneType", "ellipsis",
            "InterruptedCallError", "ResourceLimitError",
        ] {
            g[hidden] = nil
        }
        g["InterruptedCallError"] = .type(Types.interruptedCallError)
        return g
    }()

    static func lookup(_ name: String) -> Value? { globals[name] }

    /// Every built-in function and method by key, for decoding snapshots.
    static let registry: [String: BuiltinFunction] = {
        var r: [String: BuiltinFunction] = [:]
        for f in functions { r[f.key] = f }
        for (_, table) in methodTables { for (_, f) in table { r[f.key] = f } }
        for f in moduleFunctions { r[f.key] = f }
        r[buildClass.key] = buildClass
        return r
    }()

    static func method(for v: Value, _ name: String) -> BuiltinFunction? {
        switch v {
        case .str: return strMethods[name]
        case .list(let l): return l.isDeque ? dequeMethods[name] : listMethods[name]
        case .dict(let d):
            switch d.flavor {
            case .counter:
                if let m = counterMethods[name] { return m }
            case .ordered:
                if let m = orderedDictMethods[name] { return m }
            default: break
            }
            return dictMethods[name]
        case .set(let s): return s.isFrozen ? frozensetMethods[name] : setMethods[name]
        case .tuple: return tupleMethods[name]
        case .int, .bigInt, .bool: return intMethods[name]
        case .float: return floatMethods[name]
        case .exception: return exceptionMethods[name]
        default: return nil
        }
    }

    static let strMethods = methodTables["str"] ?? [:]
    static let listMethods = methodTables["list"] ?? [:]
    /// `list.append`, which the dispatch loop performs itself when called as a method.
    static let listAppend = listMethods["append"]
    static let dequeMethods = methodTables["deque"] ?? [:]
    static let dictMethods = methodTables["dict"] ?? [:]
    /// `dict.get`, which the dispatch loop performs itself for str and int keys.
    static let dictGet = dictMethods["get"]
    static let counterMethods = methodTables["Counter"] ?? [:]
    static let orderedDictMethods = methodTables["OrderedDict"] ?? [:]
    static let setMethods = methodTables["set"] ?? [:]
    static let frozensetMethods = methodTables["frozenset"] ?? [:]
    static let tupleMethods = methodTables["tuple"] ?? [:]
    static let intMethods = methodTables["int"] ?? [:]
    static let floatMethods = methodTables["float"] ?? [:]
    static let exceptionMethods = methodTables["BaseException"] ?? [:]

    /// Unbound methods reached through the type: `str.upper`, `dict.fromkeys`.
    static func method(forType t: TypeObject, _ name: String) -> BuiltinFunction? {
        if let m = classMethods[t.name]?[name] { return m }
        return methodTables[t.name]?[name]
    }

    static let methodTables: [String: [String: BuiltinFunction]] = [
        "str": table(StrMethods.all, prefix: "str"),
        "list": table(ListMethods.all, prefix: "list"),
        "deque": table(ListMethods.deque, prefix: "deque"),
        "dict": table(DictMethods.all, prefix: "dict"),
        "Counter": table(DictMethods.counter, prefix: "Counter"),
        "OrderedDict": table(DictMethods.ordered, prefix: "OrderedDict"),
        "set": table(SetMethods.all, prefix: "set"),
        "frozenset": table(SetMethods.frozen, prefix: "frozenset"),
        "tuple": table(TupleMethods.all, prefix: "tuple"),
        "int": table(NumberMethods.int, prefix: "int"),
        "float": table(NumberMethods.float, prefix: "float"),
        "BaseException": table(ExceptionMethods.all, prefix: "BaseException"),
    ]

    static let classMethods: [String: [String: BuiltinFunction]] = [
        "dict": table(DictMethods.classMethods, prefix: "dict.class"),
        "str": table(StrMethods.classMethods, prefix: "str.class"),
        "int": table(NumberMethods.intClassMethods, prefix: "int.class"),
        "float": table(NumberMethods.floatClassMethods, prefix: "float.class"),
    ]

    static func table(_ entries: [(String, NativeFunction)], prefix: String) -> [String: BuiltinFunction] {
        var t: [String: BuiltinFunction] = [:]
        for (name, body) in entries { t[name] = BuiltinFunction(key: prefix + "." + name, name: name, body) }
        return t
    }

    static let moduleFunctions: [BuiltinFunction] = StandardModules.allFunctions

    /// `__build_class__(body, name, *bases)`.
    static let buildClass = BuiltinFunction(key: "__build_class__") { vm, args, _ throws(PyException) in
        try vm.buildClass(args)
    }
}
