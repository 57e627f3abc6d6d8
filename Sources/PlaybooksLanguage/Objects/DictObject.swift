/// A Python `dict`: insertion-ordered, keyed by ``HashKey``.
///
/// Entries live in a dense array in insertion order; deleted entries leave a hole that is
/// compacted away once holes outnumber live entries.
public final class DictObject: @unchecked Sendable {
    @usableFromInline var index: [HashKey: Int] = [:]
    @usableFromInline var entries: [(key: Value, value: Value)?] = []
    @usableFromInline var holes = 0
    /// `Counter`, `defaultdict` and `OrderedDict` are dicts with a flavor.
    public var flavor: DictFlavor = .plain

    public init() {}

    public init(_ pairs: [(Value, Value)]) {
        for (k, v) in pairs {
            if let key = HashKey(k) { self[key] = v }
        }
    }

    public var count: Int { index.count }

    @inlinable
    public subscript(key: HashKey) -> Value? {
        get {
            guard let i = index[key] else { return nil }
            return entries[i]?.value
        }
        set {
            if let newValue {
                if let i = index[key] {
                    entries[i] = (entries[i]?.key ?? key.value, newValue)
                } else {
                    index[key] = entries.count
                    entries.append((key.value, newValue))
                }
            } else {
                _ = removeValue(forKey: key)
            }
        }
    }

    /// Looks up a string key without the caller building a ``HashKey``.
    public func get(_ name: String) -> Value? {
        self[HashKey(unchecked: .str(name))]
    }

    public func set(_ name: String, _ value: Value) {
        self[HashKey(unchecked: .str(name))] = value
    }

    @discardableResult
    public func removeValue(forKey key: HashKey) -> Value? {
        guard let i = index.removeValue(forKey: key) else { return nil }
        let old = entries[i]?.value
        entries[i] = nil
        holes += 1
        if i == entries.count - 1 {
            entries.removeLast()
            holes -= 1
        }
        if holes > 16 && holes > index.count { compact() }
        return old
    }

    public func removeAll() {
        index.removeAll()
        entries.removeAll()
        holes = 0
    }

    func compact() {
        var fresh: [(key: Value, value: Value)?] = []
        fresh.reserveCapacity(index.count)
        for case let e? in entries {
            if let k = HashKey(e.key) { index[k] = fresh.count }
            fresh.append(e)
        }
        entries = fresh
        holes = 0
    }

    /// Live entries in insertion order.
    public var pairs: [(key: Value, value: Value)] { entries.compactMap { $0 } }
    public var keys: [Value] { entries.compactMap { $0?.key } }
    public var values: [Value] { entries.compactMap { $0?.value } }

    /// The raw slot count, for iterators that walk entries by position.
    var slotCount: Int { entries.count }
    func entry(at slot: Int) -> (key: Value, value: Value)? {
        slot < entries.count ? entries[slot] : nil
    }

    /// Removes and returns the last entry (`popitem`).
    func popLast() -> (key: Value, value: Value)? {
        while let last = entries.last {
            entries.removeLast()
            if let e = last {
                if let k = HashKey(e.key) { index.removeValue(forKey: k) }
                return e
            }
            holes -= 1
        }
        return nil
    }

    public func copy() -> DictObject {
        let d = DictObject()
        d.index = index
        d.entries = entries
        d.holes = holes
        return d
    }
}

extension HashKey {
    /// Wraps a value known to be hashable (a string, an int).
    @usableFromInline
    init(unchecked value: Value) {
        self.init(raw: value)
    }
}

/// What kind of dict a ``DictObject`` is.
public enum DictFlavor: @unchecked Sendable {
    case plain
    case counter
    /// A `defaultdict` and its default factory (or `None`).
    case defaultdict(Value)
    case ordered

    var type: TypeObject {
        switch self {
        case .plain: return Types.dict
        case .counter: return Types.counter
        case .defaultdict: return Types.defaultdict
        case .ordered: return Types.orderedDict
        }
    }
}
