/// A Python `dict`: insertion-ordered, with Python's key equality (`1 == 1.0 == True`).
public final class DictObject: @unchecked Sendable {
    @exclusivity(unchecked) var table = KeyTable()
    /// `Counter`, `defaultdict` and `OrderedDict` are dicts with a flavor.
    @exclusivity(unchecked) public var flavor: DictFlavor = .plain

    public init() {}

    public init(_ pairs: [(Value, Value)]) {
        for (k, v) in pairs {
            if let key = HashKey(k) { self[key] = v }
        }
    }

    public var count: Int { table.count }

    /// Frees nested containers without recursion (see ``NestedRelease``).
    deinit {
        guard holdsContainers else { return }
        var pending: [Value] = []
        moveEntries(into: &pending)
        NestedRelease.drain(&pending)
    }

    func reserve(_ n: Int) { table.reserve(n) }

    public subscript(key: HashKey) -> Value? {
        get { table.valueInPlace(for: key.value, hash: key.hash) }
        set {
            if let newValue {
                table.set(key.value, hash: key.hash, value: newValue)
            } else {
                table.remove(key.value, hash: key.hash)
            }
        }
    }

    /// Whether `key` is in the dict (`key in d`), without copying its value.
    func containsKey(_ key: HashKey) -> Bool {
        table.findInPlace(key.value, hash: key.hash) != nil
    }

    /// Looks up a string key without the caller building a ``HashKey``.
    public func get(_ name: String) -> Value? {
        table.valueInPlace(forName: name, hash: PyHash.string(name))
    }

    @inline(__always)
    func get(_ name: String, hash: Int) -> Value? {
        table.valueInPlace(forName: name, hash: hash)
    }

    /// The value of the int key `k` (equal keys `k.0` and `True`/`False` match, as in Python).
    @inline(__always)
    func value(forInt k: Int) -> Value? {
        table.valueInPlace(for: .int(k), hash: k)
    }

    @inline(__always)
    func set(forInt k: Int, _ value: Value) {
        table.set(.int(k), hash: k, value: value)
    }

    /// Whether the string key `name` is present (an instance attribute), without copying its value.
    @inline(__always)
    func contains(_ name: String, hash: Int) -> Bool {
        table.containsName(name, hash: hash)
    }

    @inline(__always)
    func set(_ name: String, hash: Int, _ value: Value) {
        table.set(.str(name), hash: hash, value: value)
    }

    public func set(_ name: String, _ value: Value) {
        table.set(.str(name), hash: PyHash.string(name), value: value)
    }

    @discardableResult
    public func removeValue(forKey key: HashKey) -> Value? {
        table.remove(key.value, hash: key.hash)
    }

    public func removeAll() { table.removeAll() }

    /// Live entries in insertion order.
    public var pairs: [(key: Value, value: Value)] { table.entries.compactMap { $0.map { ($0.key, $0.value) } } }
    /// Live entries in insertion order, each key with the hash it is stored with.
    var hashedPairs: [(key: HashKey, value: Value)] {
        table.entries.compactMap { $0.map { (HashKey(raw: $0.key, hash: $0.hash), $0.value) } }
    }
    public var keys: [Value] { table.entries.compactMap { $0?.key } }
    public var values: [Value] { table.entries.compactMap { $0?.value } }

    /// Whether some value satisfies `predicate` (without building the array of pairs).
    func containsValue(where predicate: (Value) -> Bool) -> Bool {
        table.entries.contains { entry in
            guard let entry else { return false }
            return predicate(entry.value)
        }
    }

    /// The raw slot count, for iterators that walk entries by position.
    var slotCount: Int { table.entries.count }
    func entry(at slot: Int) -> (key: Value, value: Value)? {
        guard slot < table.entries.count, let e = table.entries[slot] else { return nil }
        return (e.key, e.value)
    }

    /// Removes and returns the last entry (`popitem`).
    func popLast() -> (key: Value, value: Value)? {
        table.popLast().map { ($0.key, $0.value) }
    }

    public func copy() -> DictObject {
        let d = DictObject()
        d.table = table
        d.flavor = flavor
        return d
    }
}

extension HashKey {
    /// Wraps a value known to be hashable (a string, an int).
    init(unchecked value: Value) {
        self.init(raw: value, hash: PyHash.hash(value))
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
