/// The dispatch loop's inline subscripts: `lst[i]` with an index in range and `d[key]` with a
/// string or int key present in a dict, read and written without the general
/// ``VirtualMachine/getItem(_:_:)`` and ``VirtualMachine/storeSubscript(_:_:_:)``.
/// Everything else (negative indices, slices, missing keys with their `__missing__` rules,
/// instances with `__getitem__`, errors) returns `nil`/`false` and takes the general path.
enum FastSubscript {
    @inline(__always)
    static func item(_ obj: Value, _ index: Value) -> Value? {
        switch obj {
        case .list(let l):
            guard case .int(let i) = index, i >= 0, i < l.items.count else { return nil }
            return l.items[i]
        case .dict(let d):
            return dictLookup(d, index) ?? nil
        default:
            return nil
        }
    }

    /// The value under a str or int key (`.some(nil)` when it is absent); `nil` for a key of
    /// any other type, which the general path must hash and compare.
    @inline(__always)
    static func dictLookup(_ d: DictObject, _ key: Value) -> Value?? {
        switch key {
        case .str(let s): return .some(d.get(s, hash: PyHash.string(s)))
        case .int(let k): return .some(d.value(forInt: k))
        default: return nil
        }
    }

    /// `d.get(key, fallback)` for a str or int key; `nil` for a key of any other type (the
    /// general path decides, and raises for unhashable ones).
    @inline(__always)
    static func dictGet(_ d: DictObject, _ key: Value, _ fallback: @autoclosure () -> Value) -> Value? {
        guard let found = dictLookup(d, key) else { return nil }
        return found ?? fallback()
    }

    /// Stores `value` and returns `true`, or returns `false` having done nothing.
    @inline(__always)
    static func store(_ obj: Value, _ index: Value, _ value: Value) -> Bool {
        switch obj {
        case .list(let l):
            guard case .int(let i) = index, i >= 0, i < l.items.count else { return false }
            l.items[i] = value
            return true
        case .dict(let d):
            switch index {
            case .str(let s): d.set(s, hash: PyHash.string(s), value)
            case .int(let k): d.set(forInt: k, value)
            default: return false
            }
            return true
        default:
            return false
        }
    }
}
