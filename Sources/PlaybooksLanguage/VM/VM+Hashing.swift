import BigInt

extension VirtualMachine {
    /// The key for a dict or set, or `TypeError: unhashable type`; an instance whose class
    /// defines `__hash__` (or a tuple holding one) is hashed by calling it (see
    /// ``userHashedKey(_:)``). To look the key up in a container, use ``hashKey(_:in:)-(_,DictObject)``,
    /// which also honours a user `__eq__`.
    @inline(__always)
    func hashKey(_ v: Value) throws(PyException) -> HashKey {
        guard let k = HashKey(v) else { throw unhashable(v) }
        switch v {
        case .instance, .tuple: return try userHashedKey(k)
        default: return k
        }
    }

    /// `TypeError: unhashable type: 'list'` (out of line: the hashable path is inlined).
    @inline(never)
    func unhashable(_ v: Value) -> PyException {
        PyException.typeError("unhashable type: '\(unhashableName(v))'")
    }

    /// `hash(v)` for an instance whose class defines `__hash__`: the method's int result, reduced
    /// as CPython reduces an int's hash (modulo 2**61 - 1, and -1 becomes -2).
    func userHash(_ method: Value, _ v: Value) throws(PyException) -> Value {
        let r = try callValue(method, [v][...], [])
        switch r {
        case .int(let i): return .int(Self.reducedHash(i))
        case .bool(let b): return .int(b ? 1 : 0)
        case .bigInt(let b): return .int(Self.reducedHash(b.value))
        default: throw PyException.typeError("__hash__ method should return an integer")
        }
    }

    /// CPython's hash of an int: sign times (|x| mod 2**61 - 1), with -1 replaced by -2.
    static func reducedHash(_ x: Int) -> Int {
        let magnitude = Int(x.magnitude % ((1 << 61) - 1))
        let h = x < 0 ? -magnitude : magnitude
        return h == -1 ? -2 : h
    }

    /// ``reducedHash(_:)-(Int)`` of a big int.
    static func reducedHash(_ x: BigInt) -> Int {
        let modulus = (BigInt(1) << 61) - 1
        let magnitude = Int(truncatingIfNeeded: BigInt(x.magnitude) % modulus)
        let h = x.signum() < 0 ? -magnitude : magnitude
        return h == -1 ? -2 : h
    }

    /// The type named in the error: the first unhashable item (in order, inside nested tuples).
    private func unhashableName(_ v: Value) -> String {
        var pending = [v]
        while let item = pending.popLast() {
            if case .tuple(let items) = item {
                pending.append(contentsOf: items.reversed())
            } else if HashKey(item) == nil {
                return item.typeName
            }
        }
        return v.typeName
    }
}
