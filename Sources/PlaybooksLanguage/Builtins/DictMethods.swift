/// Methods of `dict`, `collections.Counter` and `collections.OrderedDict`.
enum DictMethods {
    static func receiver(_ args: ArraySlice<Value>, _ name: String) throws(PyException) -> DictObject {
        guard let first = args.first, case .dict(let d) = first else {
            throw PyException.typeError(
                "descriptor '\(name)' for 'dict' objects doesn't apply to a '\(args.first?.typeName ?? "nothing")' object")
        }
        return d
    }

    static let all: [(String, NativeFunction)] = [
        (
            "get",
            { vm, args, _ throws(PyException) in
                let d = try receiver(args, "get")
                guard args.count == 2 || args.count == 3 else { throw PyException.typeError("get expected at least 1 argument, got 0") }
                return d[try vm.hashKey(args[args.startIndex + 1], in: d)] ?? (args.count == 3 ? args[args.startIndex + 2] : .none)
            }
        ),
        ("keys", { _, args, _ throws(PyException) in .native(DictView(try receiver(args, "keys"), .keys)) }),
        ("values", { _, args, _ throws(PyException) in .native(DictView(try receiver(args, "values"), .values)) }),
        ("items", { _, args, _ throws(PyException) in .native(DictView(try receiver(args, "items"), .items)) }),
        (
            "pop",
            { vm, args, _ throws(PyException) in
                let d = try receiver(args, "pop")
                guard args.count == 2 || args.count == 3 else { throw PyException.typeError("pop expected at least 1 argument, got 0") }
                let k = args[args.startIndex + 1]
                if let v = d.removeValue(forKey: try vm.hashKey(k, in: d)) { return v }
                if args.count == 3 { return args[args.startIndex + 2] }
                throw PyException.keyError(k)
            }
        ),
        (
            "popitem",
            { _, args, _ throws(PyException) in
                let d = try receiver(args, "popitem")
                guard let e = d.popLast() else {
                    throw PyException(ExceptionObject(type: Types.keyError, args: [.str("popitem(): dictionary is empty")]))
                }
                return .tuple([e.key, e.value])
            }
        ),
        (
            "setdefault",
            { vm, args, _ throws(PyException) in
                let d = try receiver(args, "setdefault")
                guard args.count == 2 || args.count == 3 else {
                    throw PyException.typeError("setdefault expected at least 1 argument, got 0")
                }
                let k = try vm.hashKey(args[args.startIndex + 1], in: d)
                if let v = d[k] { return v }
                let v = args.count == 3 ? args[args.startIndex + 2] : .none
                d[k] = v
                return v
            }
        ),
        (
            "update",
            { vm, args, kwargs throws(PyException) in
                let d = try receiver(args, "update")
                if args.count > 2 { throw PyException.typeError("update expected at most 1 argument, got \(args.count - 1)") }
                if args.count == 2 {
                    if case .counter = d.flavor {
                        try vm.counterUpdate(d, args[args.startIndex + 1], sign: 1)
                    } else {
                        try vm.dictUpdate(d, from: args[args.startIndex + 1])
                    }
                }
                for (k, v) in kwargs { d.set(k, v) }
                return .none
            }
        ),
        (
            "copy",
            { _, args, _ throws(PyException) in
                let d = try receiver(args, "copy")
                return .dict(d.copy())
            }
        ),
        (
            "clear",
            { _, args, _ throws(PyException) in
                try receiver(args, "clear").removeAll()
                return .none
            }
        ),
    ]

    static let classMethods: [(String, NativeFunction)] = [
        (
            "fromkeys",
            { vm, args, _ throws(PyException) in
                guard args.count == 1 || args.count == 2 else {
                    throw PyException.typeError("fromkeys expected at least 1 argument, got 0")
                }
                let d = DictObject()
                let v = args.count == 2 ? args[args.startIndex + 1] : .none
                for k in try vm.iterate(args[args.startIndex]) { d[try vm.hashKey(k, in: d)] = v }
                return .dict(d)
            }
        )
    ]

    static let counter: [(String, NativeFunction)] = [
        (
            "most_common",
            { vm, args, _ throws(PyException) in
                let d = try receiver(args, "most_common")
                var pairs = try vm.stableSortedByCountDescending(d.pairs)
                if args.count > 1, !args[args.startIndex + 1].isNone {
                    let n = max(0, try vm.integerArgument(args[args.startIndex + 1]))
                    pairs = Array(pairs.prefix(n))
                }
                return .list(ListObject(pairs.map { .tuple([$0.key, $0.value]) }))
            }
        ),
        (
            "elements",
            { vm, args, _ throws(PyException) in
                let d = try receiver(args, "elements")
                var out: [Value] = []
                for (k, v) in d.pairs {
                    let n = try vm.integerArgument(v)
                    if n > 0 { out.append(contentsOf: repeatElement(k, count: n)) }
                }
                return .iterator(IteratorObject(.values(out, 0), kindName: "itertools.chain"))
            }
        ),
        (
            "total",
            { vm, args, _ throws(PyException) in
                var t: Value = .int(0)
                for v in try receiver(args, "total").values { t = try vm.binaryOp(.add, t, v) }
                return t
            }
        ),
        (
            "subtract",
            { vm, args, kwargs throws(PyException) in
                let d = try receiver(args, "subtract")
                if args.count > 1 { try vm.counterUpdate(d, args[args.startIndex + 1], sign: -1) }
                for (k, v) in kwargs { d.set(k, try vm.binaryOp(.sub, d.get(k) ?? .int(0), v)) }
                return .none
            }
        ),
    ]

    static let ordered: [(String, NativeFunction)] = [
        (
            "move_to_end",
            { vm, args, kwargs throws(PyException) in
                let d = try receiver(args, "move_to_end")
                guard args.count >= 2 else { throw PyException.typeError("move_to_end() missing required argument 'key'") }
                let k = try vm.hashKey(args[args.startIndex + 1], in: d)
                var last = true
                if let v = ArgumentReader("move_to_end", args, kwargs).optional(2, "last") { last = try vm.isTruthy(v) }
                guard let v = d.removeValue(forKey: k) else { throw PyException.keyError(args[args.startIndex + 1]) }
                if last {
                    d[k] = v
                } else {
                    let rest = d.hashedPairs
                    d.removeAll()
                    d[k] = v
                    for (rk, rv) in rest { d[rk] = rv }
                }
                return .none
            }
        ),
        (
            "popitem",
            { vm, args, kwargs throws(PyException) in
                let d = try receiver(args, "popitem")
                var last = true
                if let v = ArgumentReader("popitem", args, kwargs).optional(1, "last") { last = try vm.isTruthy(v) }
                if last {
                    guard let e = d.popLast() else {
                        throw PyException(ExceptionObject(type: Types.keyError, args: [.str("dictionary is empty")]))
                    }
                    return .tuple([e.key, e.value])
                }
                guard let first = d.hashedPairs.first else {
                    throw PyException(ExceptionObject(type: Types.keyError, args: [.str("dictionary is empty")]))
                }
                d.removeValue(forKey: first.key)
                return .tuple([first.key.value, first.value])
            }
        ),
    ]
}

extension VirtualMachine {
    /// `Counter.update` (sign 1) and `subtract` (sign -1): a mapping of counts or an iterable to count.
    func counterUpdate(_ d: DictObject, _ source: Value, sign: Int) throws(PyException) {
        if case .dict(let src) = source {
            for (k, v) in src.hashedPairs {
                let key = try lookupKey(k, in: d)
                d[key] = try binaryOp(sign > 0 ? .add : .sub, d[key] ?? .int(0), v)
            }
            return
        }
        for item in try iterate(source) {
            let key = try hashKey(item, in: d)
            d[key] = try binaryOp(.add, d[key] ?? .int(0), .int(sign))
        }
    }

    /// `Counter + Counter`, `-`, `|`, `&`: results keep only positive counts.
    func counterOperation(_ op: BinaryOp, _ a: DictObject, _ b: DictObject) throws(PyException) -> Value {
        let out = DictObject()
        out.flavor = .counter
        var keys = a.hashedPairs.map(\.key)
        for (k, _) in b.hashedPairs where a[try lookupKey(k, in: a)] == nil { keys.append(k) }
        for k in keys {
            let x = a[try lookupKey(k, in: a)] ?? .int(0)
            let y = b[try lookupKey(k, in: b)] ?? .int(0)
            let r: Value
            switch op {
            case .add: r = try binaryOp(.add, x, y)
            case .sub: r = try binaryOp(.sub, x, y)
            case .bitor: r = try lessThan(x, y, "<") ? y : x
            case .bitand: r = try lessThan(x, y, "<") ? x : y
            default: throw unsupported(op.symbol, .dict(a), .dict(b))
            }
            if try lessThan(.int(0), r, "<") { out[k] = r }
        }
        return .dict(out)
    }
}

/// `d.keys()`, `d.values()`, `d.items()`: live views of a dict.
final class DictView: NativeObject, @unchecked Sendable {
    enum Kind: Int { case keys, values, items }
    let dict: DictObject
    let kind: Kind
    init(_ dict: DictObject, _ kind: Kind) {
        self.dict = dict
        self.kind = kind
    }

    override var type: TypeObject {
        switch kind {
        case .keys: return Types.builtin("dict_keys")
        case .values: return Types.builtin("dict_values")
        case .items: return Types.builtin("dict_items")
        }
    }
    override var kindTag: String { "dictview" }
    override var encodedFields: [Value] { [.dict(dict), .int(kind.rawValue)] }

    var list: [Value] {
        switch kind {
        case .keys: return dict.keys
        case .values: return dict.values
        case .items: return dict.pairs.map { .tuple([$0.key, $0.value]) }
        }
    }

    override func items(_ vm: VirtualMachine) throws(PyException) -> [Value]? { list }

    override func repr(_ vm: VirtualMachine) throws(PyException) -> String {
        "\(type.name)(\(try vm.repr(.list(ListObject(list)))))"
    }

    override var isTruthy: Bool { dict.count > 0 }

    override func equals(_ other: Value, _ vm: VirtualMachine) throws(PyException) -> Bool {
        guard case .native(let n) = other, let o = n as? DictView, o.kind == kind else { return false }
        if kind == .values { return o === self }
        return try vm.equals(.set(try asSet(vm)), .set(try o.asSet(vm)))
    }

    func asSet(_ vm: VirtualMachine) throws(PyException) -> SetObject {
        let s = SetObject()
        for v in list { s.storage.insert(try vm.hashKey(v, in: s)) }
        return s
    }

    override func binary(_ op: BinaryOp, _ other: Value, reflected: Bool, _ vm: VirtualMachine) throws(PyException) -> Value? {
        guard kind != .values else { return nil }
        let mine = Value.set(try asSet(vm))
        let theirs: Value
        switch other {
        case .set: theirs = other
        case .native(let n) where n is DictView:
            guard let o = n as? DictView else { return nil }
            theirs = .set(try o.asSet(vm))
        default:
            let s = SetObject()
            for v in try vm.iterate(other) { s.storage.insert(try vm.hashKey(v, in: s)) }
            theirs = .set(s)
        }
        return reflected ? try vm.binaryOp(op, theirs, mine) : try vm.binaryOp(op, mine, theirs)
    }
}
