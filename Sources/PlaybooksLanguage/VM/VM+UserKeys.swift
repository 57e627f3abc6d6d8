/// Dict and set keys whose class defines `__hash__` or `__eq__`.
///
/// The tables (``KeyTable``) hash and compare keys without running code. The VM runs the user's
/// methods before it touches a table: ``hashKey(_:)`` calls `__hash__` (and the key carries the
/// result, which the table stores with the entry, as CPython does), and ``lookupKey(_:in:)-(_,DictObject)``
/// calls `__eq__` on the stored keys with the same hash and hands the table the stored key that
/// compared equal, which the table then finds by identity. Either method may run any code and
/// raise: the exception propagates and the table is not touched.
///
/// Not covered: a stored key with a user `__eq__` is not asked whether it equals a lookup key
/// without one (`1 in {P(1)}` where `P(1) == 1`); such a lookup compares by identity and value.
extension VirtualMachine {
    /// Whether `v` is, or is a tuple or frozenset holding at any depth, an instance whose class
    /// defines `name` as a function.
    static func holdsUserMethod(_ v: Value, _ name: String) -> Bool {
        switch v {
        case .instance(let o):
            if case .function? = o.cls.lookup(name) { return true }
            return false
        case .tuple(let items):
            // Most tuple keys are flat: their items are looked at without a work list.
            var nested = false
            for item in items {
                switch item {
                case .instance(let o): if case .function? = o.cls.lookup(name) { return true }
                case .tuple, .set: nested = true
                default: break
                }
            }
            return nested && holdsUserMethodNested(v, name)
        case .set:
            return holdsUserMethodNested(v, name)
        default:
            return false
        }
    }

    /// ``holdsUserMethod(_:_:)`` of a tuple or frozenset holding tuples or frozensets, with a work
    /// list.
    static func holdsUserMethodNested(_ v: Value, _ name: String) -> Bool {
        var pending = [v]
        while let item = pending.popLast() {
            switch item {
            case .instance(let o):
                if case .function? = o.cls.lookup(name) { return true }
            case .tuple(let inner): pending.append(contentsOf: inner)
            case .set(let s):
                // A frozenset knows (once asked) whether any instance is inside it.
                if s.isFrozen, !s.holdsInstancesInside { continue }
                pending.append(contentsOf: s.storage.elements.map(\.value))
            default: break
            }
        }
        return false
    }

    /// `k` with the hash the user's `__hash__` gives, when `k` is (or is a tuple holding) an
    /// instance whose class defines one; otherwise `k`.
    @inline(never)
    func userHashedKey(_ k: HashKey) throws(PyException) -> HashKey {
        guard Self.holdsUserMethod(k.value, "__hash__") else { return k }
        return HashKey(raw: k.value, hash: try keyHash(k.value))
    }

    /// The table hash of a hashable value, calling `__hash__` where a class defines it. A tuple
    /// holding such an instance combines its items' hashes (its hash is only ever computed here,
    /// so it agrees with itself; tuples without one keep ``PyHash``'s).
    func keyHash(_ v: Value) throws(PyException) -> Int {
        switch v {
        case .instance(let o):
            guard let method = o.cls.lookup("__hash__"), case .function = method else { return PyHash.hash(v) }
            guard case .int(let h) = try userHash(method, v) else { return PyHash.hash(v) }
            return h
        case .tuple(let items):
            guard Self.holdsUserMethod(v, "__hash__") else { return PyHash.hash(v) }
            try enterNativeRecursion(NativeRecursionContext.comparison)
            defer { leaveNativeRecursion() }
            var hasher = Hasher()
            hasher.combine(items.count)
            for item in items { hasher.combine(try keyHash(item)) }
            return hasher.finalize()
        default:
            return PyHash.hash(v)
        }
    }

    /// The key for `v` in `d`: ``hashKey(_:)``, then ``lookupKey(_:in:)-(_,DictObject)``.
    @inline(__always)
    func hashKey(_ v: Value, in d: DictObject) throws(PyException) -> HashKey {
        try lookupKey(try hashKey(v), in: d)
    }

    /// The key for `v` in the set `s`.
    @inline(__always)
    func hashKey(_ v: Value, in s: SetObject) throws(PyException) -> HashKey {
        try lookupKey(try hashKey(v), in: s.storage)
    }

    /// The key for `v` in the set storage `s`.
    @inline(__always)
    func hashKey(_ v: Value, in s: OrderedKeySet) throws(PyException) -> HashKey {
        try lookupKey(try hashKey(v), in: s)
    }

    /// `k` as `d` should be probed with it: the stored key that `k` equals by the user's
    /// `__eq__`, if `k` has one and such a key is stored; otherwise `k`.
    @inline(__always)
    func lookupKey(_ k: HashKey, in d: DictObject) throws(PyException) -> HashKey {
        switch k.value {
        case .instance: return try storedEqualKey(k) { d.table.keys(withHash: k.hash) }
        case .tuple, .set:
            try checkNestedSetComparison(k.value) { d.table.keys(withHash: k.hash) }
            return try storedEqualKey(k) { d.table.keys(withHash: k.hash) }
        default: return k
        }
    }

    /// ``lookupKey(_:in:)-(_,DictObject)`` for a set's storage.
    @inline(__always)
    func lookupKey(_ k: HashKey, in s: OrderedKeySet) throws(PyException) -> HashKey {
        switch k.value {
        case .instance: return try storedEqualKey(k) { s.table.keys(withHash: k.hash) }
        case .tuple, .set:
            try checkNestedSetComparison(k.value) { s.table.keys(withHash: k.hash) }
            return try storedEqualKey(k) { s.table.keys(withHash: k.hash) }
        default: return k
        }
    }

    /// CPython's `RecursionError` (`... in comparison`) when the table probe for `key` (a
    /// frozenset, or a tuple holding one) would compare it with a distinct key of the same hash
    /// and the frozensets in it nest deeper than the recursion limit allows or the stack can hold:
    /// the tables compare keys without running code and cannot stop, so the depth is checked
    /// before (`f == g` for two frozensets nested 100,000 deep overflowed the stack). A tuple of
    /// scalars is scanned once; a frozenset's depth is cached.
    @inline(__always)
    func checkNestedSetComparison(_ key: Value, _ candidates: () -> [Value]) throws(PyException) {
        let depth: Int
        switch key {
        case .set(let s): depth = s.isFrozen ? s.nestingDepth : 0
        case .tuple(let items):
            var nested = false
            for item in items {
                switch item {
                case .set, .tuple: nested = true
                default: continue
                }
                break
            }
            guard nested else { return }
            depth = Self.frozenSetDepth(key)
        default: return
        }
        guard depth > 1 else { return }
        try checkNestedSetComparison(key, depth: depth, candidates)
    }

    @inline(never)
    private func checkNestedSetComparison(_ key: Value, depth: Int, _ candidates: () -> [Value]) throws(PyException) {
        // A level of the tables' comparison of nested frozensets takes well under 2 KB of stack
        // (debug build); the stack guard's reserve stays free below.
        let stackLevels = Int(clamping: StackGuard.remainingBytes() / 2048)
        let allowed = min(limits.maxRecursionDepth - nativeDepth - frames.count, stackLevels)
        guard depth > allowed else { return }
        for stored in candidates() {
            switch (stored, key) {
            case (.set(let a), .set(let b)) where a === b: continue
            case (.tuple(let a), .tuple(let b)) where a.storage === b.storage: continue
            case (.set, _), (.tuple, _): throw nativeRecursionError(NativeRecursionContext.comparison)
            default: continue
            }
        }
    }

    /// How deep frozensets and tuples nest in `v`, counting from `v` (a tuple of scalars is 1).
    static func frozenSetDepth(_ v: Value) -> Int {
        var deepest = 0
        var pending = [(v, 1)]
        while let (item, depth) = pending.popLast() {
            switch item {
            case .set(let s) where s.isFrozen: deepest = max(deepest, depth - 1 + s.nestingDepth)
            case .tuple(let items):
                deepest = max(deepest, depth)
                pending.append(contentsOf: items.map { ($0, depth + 1) })
            default: break
            }
        }
        return deepest
    }

    /// Compares `k` with each candidate as CPython's lookup does (identity first, then
    /// `stored == k`), and returns the first stored key that matches.
    @inline(never)
    func storedEqualKey(_ k: HashKey, _ candidates: () -> [Value]) throws(PyException) -> HashKey {
        guard Self.holdsUserMethod(k.value, "__eq__") else { return k }
        // A snapshot of the candidates: `__eq__` may change the table.
        for stored in candidates() {
            if identical(stored, k.value) { return k }
            if try equals(stored, k.value) { return HashKey(raw: stored, hash: k.hash) }
        }
        return k
    }

    /// Whether every element of `a` is in `b`, comparing with the elements' user `__eq__`.
    func isSubset(_ a: OrderedKeySet, of b: OrderedKeySet) throws(PyException) -> Bool {
        for k in a {
            if !b.contains(try lookupKey(k, in: b)) { return false }
        }
        return true
    }

    /// Set equality with the elements' user `__eq__`.
    func setsEqual(_ a: OrderedKeySet, _ b: OrderedKeySet) throws(PyException) -> Bool {
        guard a.count == b.count else { return false }
        return try isSubset(a, of: b)
    }
}
