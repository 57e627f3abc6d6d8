/// Methods of `list` (and `collections.deque`).
enum ListMethods {
    static func receiver(_ args: ArraySlice<Value>, _ name: String) throws(PyException) -> ListObject {
        guard let first = args.first, case .list(let l) = first else {
            throw PyException.typeError(
                "descriptor '\(name)' for 'list' objects doesn't apply to a '\(args.first?.typeName ?? "nothing")' object")
        }
        return l
    }

    /// `insert(i, x)`: a negative index counts from the end; out-of-range indexes clamp.
    static func insert(_ vm: VirtualMachine, _ l: ListObject, _ args: ArraySlice<Value>) throws(PyException) {
        guard args.count == 3 else { throw PyException.typeError("insert expected 2 arguments, got \(args.count - 1)") }
        var i = try vm.integerArgument(args[args.startIndex + 1])
        if i < 0 { i = max(0, i + l.items.count) }
        l.items.insert(args[args.startIndex + 2], at: min(i, l.items.count))
    }

    static func exactly(_ args: ArraySlice<Value>, _ n: Int, _ name: String) throws(PyException) {
        if args.count - 1 != n {
            if n == 1 {
                throw PyException.typeError("\(name)() takes exactly one argument (\(args.count - 1) given)")
            }
            throw PyException.typeError("\(name)() takes no arguments (\(args.count - 1) given)")
        }
    }

    static func index(_ vm: VirtualMachine, _ items: [Value], _ args: ArraySlice<Value>, _ what: String) throws(PyException) -> Value {
        guard args.count >= 2 else { throw PyException.typeError("index expected at least 1 argument, got 0") }
        let target = args[args.startIndex + 1]
        var start = args.count > 2 ? try vm.integerArgument(args[args.startIndex + 2]) : 0
        var end = args.count > 3 ? try vm.integerArgument(args[args.startIndex + 3]) : items.count
        if start < 0 { start = max(0, start + items.count) }
        if end < 0 { end = max(0, end + items.count) }
        end = min(end, items.count)
        var i = start
        while i < end {
            if try vm.identicalOrEqual(items[i], target) { return .int(i) }
            i += 1
        }
        if what == "list" { throw PyException.valueError("\(try vm.repr(target)) is not in list") }
        throw PyException.valueError("tuple.index(x): x not in tuple")
    }

    static func count(_ vm: VirtualMachine, _ items: [Value], _ target: Value) throws(PyException) -> Value {
        var n = 0
        for v in items {
            if try vm.identicalOrEqual(v, target) { n += 1 }
        }
        return .int(n)
    }

    static let all: [(String, NativeFunction)] = [
        (
            "append",
            { _, args, _ throws(PyException) in
                let l = try receiver(args, "append")
                try exactly(args, 1, l.isDeque ? "deque.append" : "list.append")
                l.items.append(args[args.startIndex + 1])
                l.trimToMaxLength(addedAtEnd: true)
                return .none
            }
        ),
        (
            "extend",
            { vm, args, _ throws(PyException) in
                let l = try receiver(args, "extend")
                try exactly(args, 1, l.isDeque ? "deque.extend" : "list.extend")
                l.items.append(contentsOf: try vm.iterate(args[args.startIndex + 1]))
                l.trimToMaxLength(addedAtEnd: true)
                return .none
            }
        ),
        (
            "insert",
            { vm, args, _ throws(PyException) in
                try insert(vm, try receiver(args, "insert"), args)
                return .none
            }
        ),
        (
            "pop",
            { vm, args, _ throws(PyException) in
                let l = try receiver(args, "pop")
                if l.items.isEmpty { throw PyException.indexError("pop from empty list") }
                if args.count > 1 {
                    let i = try vm.integerArgument(args[args.startIndex + 1])
                    guard let j = vm.normalizedIndex(i, l.items.count) else { throw PyException.indexError("pop index out of range") }
                    return l.items.remove(at: j)
                }
                return l.items.removeLast()
            }
        ),
        (
            "remove",
            { vm, args, _ throws(PyException) in
                let l = try receiver(args, "remove")
                try exactly(args, 1, "list.remove")
                let target = args[args.startIndex + 1]
                for (i, v) in l.items.enumerated() {
                    if try vm.identicalOrEqual(v, target) {
                        l.items.remove(at: i)
                        return .none
                    }
                }
                throw PyException.valueError("list.remove(x): x not in list")
            }
        ),
        ("index", { vm, args, _ throws(PyException) in try index(vm, try receiver(args, "index").items, args, "list") }),
        (
            "count",
            { vm, args, _ throws(PyException) in
                let l = try receiver(args, "count")
                try exactly(args, 1, "list.count")
                return try count(vm, l.items, args[args.startIndex + 1])
            }
        ),
        (
            "sort",
            { vm, args, kwargs throws(PyException) in
                let l = try receiver(args, "sort")
                if args.count > 1 { throw PyException.typeError("sort() takes no positional arguments") }
                l.items = try vm.sortValues(l.items, kwargs, function: "sort")
                return .none
            }
        ),
        (
            "reverse",
            { _, args, _ throws(PyException) in
                try receiver(args, "reverse").items.reverse()
                return .none
            }
        ),
        ("copy", { _, args, _ throws(PyException) in .list(ListObject(try receiver(args, "copy").items)) }),
        (
            "clear",
            { _, args, _ throws(PyException) in
                try receiver(args, "clear").items.removeAll()
                return .none
            }
        ),
    ]

    static let deque: [(String, NativeFunction)] =
        all.filter { ["append", "extend", "pop", "remove", "index", "count", "reverse", "clear"].contains($0.0) } + dequeOnly

    static let dequeOnly: [(String, NativeFunction)] = [
        (
            "insert",
            { vm, args, _ throws(PyException) in
                let l = try receiver(args, "insert")
                if let m = l.maxLength, l.items.count >= m { throw PyException.indexError("deque already at its maximum size") }
                try insert(vm, l, args)
                return .none
            }
        ),
        (
            "appendleft",
            { _, args, _ throws(PyException) in
                let l = try receiver(args, "appendleft")
                try exactly(args, 1, "deque.appendleft")
                l.items.insert(args[args.startIndex + 1], at: 0)
                l.trimToMaxLength(addedAtEnd: false)
                return .none
            }
        ),
        (
            "popleft",
            { _, args, _ throws(PyException) in
                let l = try receiver(args, "popleft")
                if l.items.isEmpty { throw PyException.indexError("pop from an empty deque") }
                return l.items.removeFirst()
            }
        ),
        (
            "extendleft",
            { vm, args, _ throws(PyException) in
                let l = try receiver(args, "extendleft")
                for v in try vm.iterate(args[args.startIndex + 1]) { l.items.insert(v, at: 0) }
                l.trimToMaxLength(addedAtEnd: false)
                return .none
            }
        ),
        (
            "rotate",
            { vm, args, _ throws(PyException) in
                let l = try receiver(args, "rotate")
                let n = args.count > 1 ? try vm.integerArgument(args[args.startIndex + 1]) : 1
                guard !l.items.isEmpty else { return .none }
                let k = ((n % l.items.count) + l.items.count) % l.items.count
                l.items = Array(l.items[(l.items.count - k)...] + l.items[..<(l.items.count - k)])
                return .none
            }
        ),
        (
            "copy",
            { _, args, _ throws(PyException) in
                let source = try receiver(args, "copy")
                let c = ListObject(source.items)
                c.isDeque = true
                c.maxLength = source.maxLength
                return .list(c)
            }
        ),
    ]
}

/// Methods of `tuple`.
enum TupleMethods {
    static func receiver(_ args: ArraySlice<Value>, _ name: String) throws(PyException) -> [Value] {
        guard let first = args.first, case .tuple(let t) = first else {
            throw PyException.typeError(
                "descriptor '\(name)' for 'tuple' objects doesn't apply to a '\(args.first?.typeName ?? "nothing")' object")
        }
        return t.array
    }

    static let all: [(String, NativeFunction)] = [
        ("index", { vm, args, _ throws(PyException) in try ListMethods.index(vm, try receiver(args, "index"), args, "tuple") }),
        (
            "count",
            { vm, args, _ throws(PyException) in
                let t = try receiver(args, "count")
                try ListMethods.exactly(args, 1, "tuple.count")
                return try ListMethods.count(vm, t, args[args.startIndex + 1])
            }
        ),
    ]
}

/// Methods of `set` and `frozenset`.
enum SetMethods {
    static func receiver(_ args: ArraySlice<Value>, _ name: String) throws(PyException) -> SetObject {
        guard let first = args.first, case .set(let s) = first else {
            throw PyException.typeError(
                "descriptor '\(name)' for 'set' objects doesn't apply to a '\(args.first?.typeName ?? "nothing")' object")
        }
        return s
    }

    static func others(_ vm: VirtualMachine, _ args: ArraySlice<Value>) throws(PyException) -> [OrderedKeySet] {
        var out: [OrderedKeySet] = []
        for a in args.dropFirst() {
            if case .set(let s) = a {
                out.append(s.storage)
            } else {
                var k = OrderedKeySet()
                for v in try vm.iterate(a) { k.insert(try vm.hashKey(v, in: k)) }
                out.append(k)
            }
        }
        return out
    }

    /// A set operation; elements with a user `__eq__` are compared with it.
    typealias SetOperation = @Sendable (VirtualMachine, OrderedKeySet, OrderedKeySet) throws(PyException) -> OrderedKeySet

    static func combine(_ name: String, _ op: @escaping SetOperation) -> (String, NativeFunction) {
        (
            name,
            { vm, args, _ throws(PyException) in
                let s = try receiver(args, name)
                var result = s.storage
                for o in try others(vm, args) { result = try op(vm, result, o) }
                return .set(SetObject(result, frozen: s.isFrozen))
            }
        )
    }

    static func union(_ vm: VirtualMachine, _ a: OrderedKeySet, _ b: OrderedKeySet) throws(PyException) -> OrderedKeySet {
        var r = a
        for k in b { r.insert(try vm.lookupKey(k, in: r)) }
        return r
    }
    static func intersection(_ vm: VirtualMachine, _ a: OrderedKeySet, _ b: OrderedKeySet) throws(PyException) -> OrderedKeySet {
        var r = OrderedKeySet()
        for k in a where b.contains(try vm.lookupKey(k, in: b)) { r.insert(k) }
        return r
    }
    static func difference(_ vm: VirtualMachine, _ a: OrderedKeySet, _ b: OrderedKeySet) throws(PyException) -> OrderedKeySet {
        var r = OrderedKeySet()
        for k in a where !b.contains(try vm.lookupKey(k, in: b)) { r.insert(k) }
        return r
    }
    static func symmetricDifference(
        _ vm: VirtualMachine, _ a: OrderedKeySet, _ b: OrderedKeySet
    ) throws(PyException) -> OrderedKeySet {
        var r = try difference(vm, a, b)
        for k in b where !a.contains(try vm.lookupKey(k, in: a)) { r.insert(k) }
        return r
    }

    static func update(_ name: String, _ op: @escaping SetOperation) -> (String, NativeFunction) {
        (
            name,
            { vm, args, _ throws(PyException) in
                let s = try receiver(args, name)
                for o in try others(vm, args) { s.storage = try op(vm, s.storage, o) }
                return .none
            }
        )
    }

    static let frozen: [(String, NativeFunction)] = [
        combine("union", union),
        combine("intersection", intersection),
        combine("difference", difference),
        combine("symmetric_difference", symmetricDifference),
        (
            "issubset",
            { vm, args, _ throws(PyException) in
                let s = try receiver(args, "issubset")
                guard let o = try others(vm, args).first else {
                    throw PyException.typeError("issubset() takes exactly one argument (0 given)")
                }
                return .bool(try vm.isSubset(s.storage, of: o))
            }
        ),
        (
            "issuperset",
            { vm, args, _ throws(PyException) in
                let s = try receiver(args, "issuperset")
                guard let o = try others(vm, args).first else {
                    throw PyException.typeError("issuperset() takes exactly one argument (0 given)")
                }
                return .bool(try vm.isSubset(o, of: s.storage))
            }
        ),
        (
            "isdisjoint",
            { vm, args, _ throws(PyException) in
                let s = try receiver(args, "isdisjoint")
                guard let o = try others(vm, args).first else {
                    throw PyException.typeError("isdisjoint() takes exactly one argument (0 given)")
                }
                var disjoint = true
                for k in s.storage where o.contains(try vm.lookupKey(k, in: o)) {
                    disjoint = false
                    break
                }
                return .bool(disjoint)
            }
        ),
        (
            "copy",
            { _, args, _ throws(PyException) in
                let s = try receiver(args, "copy")
                return .set(SetObject(s.storage, frozen: s.isFrozen))
            }
        ),
    ]

    static let all: [(String, NativeFunction)] = frozen + mutating

    static let mutating: [(String, NativeFunction)] = [
        (
            "add",
            { vm, args, _ throws(PyException) in
                let s = try receiver(args, "add")
                try ListMethods.exactly(args, 1, "set.add")
                s.storage.insert(try vm.hashKey(args[args.startIndex + 1], in: s))
                return .none
            }
        ),
        (
            "remove",
            { vm, args, _ throws(PyException) in
                let s = try receiver(args, "remove")
                try ListMethods.exactly(args, 1, "set.remove")
                let v = args[args.startIndex + 1]
                guard s.storage.remove(try vm.hashKey(v, in: s)) else { throw PyException.keyError(v) }
                return .none
            }
        ),
        (
            "discard",
            { vm, args, _ throws(PyException) in
                let s = try receiver(args, "discard")
                try ListMethods.exactly(args, 1, "set.discard")
                s.storage.remove(try vm.hashKey(args[args.startIndex + 1], in: s))
                return .none
            }
        ),
        (
            "pop",
            { _, args, _ throws(PyException) in
                let s = try receiver(args, "pop")
                guard let first = s.storage.first(where: { _ in true }) else {
                    throw PyException(ExceptionObject(type: Types.keyError, args: [.str("pop from an empty set")]))
                }
                s.storage.remove(first)
                return first.value
            }
        ),
        (
            "clear",
            { _, args, _ throws(PyException) in
                try receiver(args, "clear").storage.removeAll()
                return .none
            }
        ),
        update("update", union),
        update("intersection_update", intersection),
        update("difference_update", difference),
        update("symmetric_difference_update", symmetricDifference),
    ]
}
