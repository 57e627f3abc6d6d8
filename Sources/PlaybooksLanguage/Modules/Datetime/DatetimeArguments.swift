/// Small helpers: zero padding, argument binding and checking, receivers and method wrappers.
extension DatetimeModule {
    static func pad(_ n: Int, _ width: Int, _ fill: Character = "0") -> String {
        let digits = String(n.magnitude)
        let sign = n < 0 ? "-" : ""
        let missing = width - digits.count - sign.count
        return missing > 0 ? sign + String(repeating: fill, count: missing) + digits : sign + digits
    }

    static func qualifiedName(_ v: Value) -> String {
        if case .native(let n) = v, n.type.module == "datetime" { return "datetime." + n.type.name }
        return v.typeName
    }

    static func unsupported(_ op: BinaryOp, _ l: Value, _ r: Value) -> PyException {
        PyException.typeError("unsupported operand type(s) for \(op.symbol): '\(qualifiedName(l))' and '\(qualifiedName(r))'")
    }

    static func noClock(_ what: String) -> PyException {
        PyException(Types.notImplementedError, "\(what) is not available: time is a host effect")
    }

    /// Binds positional and keyword arguments to `names` with CPython's messages.
    static func bind(
        _ args: ArraySlice<Value>, _ kwargs: [(String, Value)], _ names: [String], required: Int,
        fn: String, kwOwner: String, positionalMax: Int? = nil
    ) throws(PyException) -> [Value?] {
        if let positionalMax {
            if args.count > positionalMax {
                throw PyException.typeError("\(fn) takes at most \(positionalMax) positional arguments (\(args.count) given)")
            }
        } else if args.count + kwargs.count > names.count {
            throw PyException.typeError("\(fn) takes at most \(names.count) arguments (\(args.count + kwargs.count) given)")
        }
        var out = [Value?](repeating: nil, count: names.count)
        for (i, a) in args.enumerated() where i < names.count { out[i] = a }
        for (k, v) in kwargs {
            guard let i = names.firstIndex(of: k) else {
                throw PyException.typeError("'\(k)' is an invalid keyword argument for \(kwOwner)")
            }
            if out[i] != nil {
                throw PyException.typeError("argument for \(fn) given by name ('\(k)') and position (\(i + 1))")
            }
            out[i] = v
        }
        for i in 0..<min(required, names.count) where out[i] == nil {
            throw PyException.typeError("\(fn) missing required argument '\(names[i])' (pos \(i + 1))")
        }
        return out
    }

    /// An int argument in C `int` range, as CPython's `datetime` reads them.
    static func intArg(_ vm: VirtualMachine, _ v: Value?, _ fallback: Int) throws(PyException) -> Int {
        guard let v else { return fallback }
        if case .bigInt = v { throw PyException.overflow("Python int too large to convert to C long") }
        let i = try vm.integerArgument(v)
        if i > Int(Int32.max) { throw PyException.overflow("signed integer is greater than maximum") }
        if i < Int(Int32.min) { throw PyException.overflow("signed integer is less than minimum") }
        return i
    }

    static func strArg(_ v: Value?, _ fn: String, _ position: Int) throws(PyException) -> String? {
        guard let v else { return nil }
        guard case .str(let s) = v else {
            throw PyException.typeError("\(fn)() argument \(position) must be str, not \(v.typeName)")
        }
        return s
    }

    static func checkNaive(_ tz: Value?) throws(PyException) {
        // No tzinfo classes exist here (naive datetimes only), so anything but None is the wrong type.
        if let tz, !tz.isNone {
            throw PyException.typeError("tzinfo argument must be None or of a tzinfo subclass, not type '\(tz.typeName)'")
        }
    }

    static func checkFold(_ vm: VirtualMachine, _ v: Value?) throws(PyException) {
        let fold = try intArg(vm, v, 0)
        guard fold == 0 || fold == 1 else { throw PyException.valueError("fold must be either 0 or 1") }
    }

    /// The receiver of a method call (first positional argument).
    static func receiver<T: NativeObject>(_ args: ArraySlice<Value>, _: T.Type, _ cls: String, _ name: String) throws(PyException) -> T {
        guard let first = args.first else {
            throw PyException.typeError("descriptor '\(name)' of 'datetime.\(cls)' object needs an argument")
        }
        guard case .native(let n) = first, let r = n as? T else {
            throw PyException.typeError(
                "descriptor '\(name)' for 'datetime.\(cls)' objects doesn't apply to a '\(qualifiedName(first))' object")
        }
        return r
    }

    static func noArguments(_ args: ArraySlice<Value>, _ kwargs: [(String, Value)], _ cls: String, _ name: String) throws(PyException) {
        if !kwargs.isEmpty { throw PyException.typeError("\(cls).\(name)() takes no keyword arguments") }
        if args.count > 1 { throw PyException.typeError("\(cls).\(name)() takes no arguments (\(args.count - 1) given)") }
    }

    static func method(_ cls: String, _ name: String, _ body: @escaping NativeFunction) -> BuiltinFunction {
        BuiltinFunction(key: "datetime.\(cls).\(name)", name: name, body)
    }

    static func classMethod(_ cls: String, _ name: String, _ body: @escaping NativeFunction) -> BuiltinFunction {
        BuiltinFunction(key: "datetime.\(cls).class.\(name)", name: name, body)
    }
}
