import BigInt

/// A hashable value used as a dict key or set element, with Python's equality:
/// `1 == 1.0 == True` are one key, and tuples compare element by element.
public struct HashKey: Hashable, @unchecked Sendable {
    public let value: Value
    /// The hash that dicts and sets store and probe with: ``PyHash``'s, or, for an instance whose
    /// class defines `__hash__` (and a tuple holding one), the one the VM computed by calling it
    /// (see `VirtualMachine.hashKey(_:)`). Stored with the entry, as CPython stores it.
    public let hash: Int

    /// Wraps `value`, or returns `nil` when Python considers it unhashable (lists, dicts, sets).
    /// Instances hash by identity here; the VM's `hashKey` honours a user `__hash__`.
    @inline(__always)
    public init?(_ value: Value) {
        switch value {
        case .str, .int, .bool, .none, .float: break
        default: guard HashKey.isHashable(value) else { return nil }
        }
        self.value = value
        self.hash = PyHash.hash(value)
    }

    /// A key whose hash is already known (an entry's stored hash, a user `__hash__`'s result).
    init(raw value: Value, hash: Int) {
        self.value = value
        self.hash = hash
    }

    @usableFromInline
    static func isHashable(_ value: Value) -> Bool {
        switch value {
        case .list, .dict: return false
        case .set(let s): return s.isFrozen
        case .instance(let o):
            // `__hash__ = None` (set explicitly, or implied by defining `__eq__` alone).
            if case .none? = o.cls.lookup("__hash__") { return false }
            return true
        case .tuple(let items):
            for item in items {
                if case .tuple = item { return nestedTupleIsHashable(items) }
                if !isHashable(item) { return false }
            }
            return true
        default: return true
        }
    }

    /// ``isHashable(_:)`` for a tuple holding tuples, with a work list: tuples nested any
    /// depth do not recurse.
    @usableFromInline
    static func nestedTupleIsHashable(_ items: TupleItems) -> Bool {
        var pending = items.array
        while let item = pending.popLast() {
            if case .tuple(let inner) = item {
                pending.append(contentsOf: inner)
            } else if !isHashable(item) {
                return false
            }
        }
        return true
    }

    public static func == (lhs: HashKey, rhs: HashKey) -> Bool {
        keyEquals(lhs.value, rhs.value)
    }

    public func hash(into hasher: inout Hasher) {
        HashKey.hashValue(value, into: &hasher)
    }

    static func hashValue(_ value: Value, into hasher: inout Hasher) {
        switch value {
        case .int(let i): hasher.combine(i)
        case .bool(let b): hasher.combine(b ? 1 : 0)
        case .float(let d):
            if d.rounded(.towardZero) == d, let i = Int(exactly: d) {
                hasher.combine(i)
            } else if d.rounded(.towardZero) == d, d.isFinite {
                hasher.combine(BigInt(d))
            } else {
                hasher.combine(d)
            }
        case .bigInt(let b): hasher.combine(b.value)
        case .str(let s): hasher.combine(s)
        case .none: hasher.combine(0x5EED)
        case .tuple(let items):
            hasher.combine(items.count)
            for i in items.indices {
                if case .tuple = items[i] {
                    hashNestedTuple(items[i...], into: &hasher)
                    return
                }
                hashValue(items[i], into: &hasher)
            }
        case .set(let s):
            // Order-independent: xor of element hashes.
            var acc = 0
            for k in s.storage { acc ^= k.hash }
            hasher.combine(acc)
        case .range(let r): hasher.combine(r.start); hasher.combine(r.stop); hasher.combine(r.step)
        case .ellipsis: hasher.combine(0xE11)
        default:
            if case .native(let n) = value, let parts = n.hashComponents {
                hasher.combine(parts.count)
                for part in parts { hashValue(part, into: &hasher) }
                return
            }
            if let id = value.objectIdentity { hasher.combine(id) } else { hasher.combine(-1) }
        }
    }

    /// The rest of ``hashValue(_:into:)`` of a tuple, from its first item that is a tuple: fed
    /// to the hasher in the same order as the recursive definition (a pre-order walk) but with a
    /// work list, so tuples nested any depth do not recurse.
    static func hashNestedTuple(_ items: Slice<TupleItems>, into hasher: inout Hasher) {
        var pending = Array(items.reversed())
        while let item = pending.popLast() {
            if case .tuple(let inner) = item {
                hasher.combine(inner.count)
                pending.append(contentsOf: inner.reversed())
            } else {
                hashValue(item, into: &hasher)
            }
        }
    }

    /// ``keyEquals(_:_:)`` of two tuples, with a work list of element pairs for nested tuples.
    static func tuplesEqual(_ x: TupleItems, _ y: TupleItems) -> Bool {
        guard x.count == y.count else { return false }
        var pending: [(Value, Value)] = []
        for i in 0..<x.count {
            if case .tuple = x[i] {
                pending.append((x[i], y[i]))
            } else if !keyEquals(x[i], y[i]) {
                return false
            }
        }
        while let (a, b) = pending.popLast() {
            guard case .tuple(let p) = a, case .tuple(let q) = b else {
                if !keyEquals(a, b) { return false }
                continue
            }
            guard p.count == q.count else { return false }
            for i in 0..<p.count { pending.append((p[i], q[i])) }
        }
        return true
    }

    /// Equality that never throws; used for keys (user `__eq__` is not consulted).
    static func keyEquals(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.str(let x), .str(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.tuple(let x), .tuple(let y)):
            return tuplesEqual(x, y)
        default:
            if let r = numericEquals(a, b) { return r }
            switch (a, b) {
            case (.none, .none), (.ellipsis, .ellipsis): return true
            case (.set(let x), .set(let y)): return x === y || x.storage == y.storage
            case (.range(let x), .range(let y)): return x == y
            default:
                if case .native(let m) = a, case .native(let n) = b, let x = m.hashComponents, let y = n.hashComponents {
                    guard x.count == y.count else { return false }
                    for i in 0..<x.count where !keyEquals(x[i], y[i]) { return false }
                    return true
                }
                if let x = a.objectIdentity, let y = b.objectIdentity { return x == y }
                return false
            }
        }
    }
}

/// Compares two numbers (bool, int, big int, float) exactly; `nil` if either is not a number.
func numericEquals(_ a: Value, _ b: Value) -> Bool? {
    switch (a, b) {
    case (.int(let x), .int(let y)): return x == y
    case (.float(let x), .float(let y)): return x == y
    case (.int(let x), .float(let y)), (.float(let y), .int(let x)): return intEqualsFloat(x, y)
    case (.bool(let x), _): return numericEquals(.int(x ? 1 : 0), b)
    case (_, .bool(let y)): return numericEquals(a, .int(y ? 1 : 0))
    case (.bigInt(let x), .bigInt(let y)): return x.value == y.value
    case (.bigInt, .int), (.int, .bigInt): return false
    case (.bigInt(let x), .float(let y)), (.float(let y), .bigInt(let x)):
        guard y.isFinite, y.rounded(.towardZero) == y else { return false }
        return BigInt(y) == x.value
    default: return nil
    }
}

@inline(__always)
func intEqualsFloat(_ x: Int, _ y: Double) -> Bool {
    guard y.isFinite, y.rounded(.towardZero) == y else { return false }
    if let yi = Int(exactly: y) { return yi == x }
    return false
}

extension Value {
    /// Identity of a heap object, or `nil` for immediate values.
    var objectIdentity: ObjectIdentifier? {
        switch self {
        case .list(let o): return ObjectIdentifier(o)
        case .dict(let o): return ObjectIdentifier(o)
        case .set(let o): return ObjectIdentifier(o)
        case .function(let o): return ObjectIdentifier(o)
        case .builtin(let o): return ObjectIdentifier(o)
        case .boundMethod(let o): return ObjectIdentifier(o)
        case .type(let o): return ObjectIdentifier(o)
        case .exception(let o): return ObjectIdentifier(o)
        case .module(let o): return ObjectIdentifier(o)
        case .iterator(let o): return ObjectIdentifier(o)
        case .coroutine(let o): return ObjectIdentifier(o)
        case .hostCall(let o): return ObjectIdentifier(o)
        case .instance(let o): return ObjectIdentifier(o)
        case .native(let o): return ObjectIdentifier(o)
        case .bigInt(let o): return ObjectIdentifier(o)
        case .slice(let o): return ObjectIdentifier(o)
        default: return nil
        }
    }
}
