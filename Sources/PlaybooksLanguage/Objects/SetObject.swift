/// A Python `set` (or `frozenset` when `isFrozen`).
public final class SetObject: @unchecked Sendable {
    @exclusivity(unchecked) public var storage: OrderedKeySet
    public internal(set) var isFrozen: Bool
    /// For a frozenset: 0 not known yet, 1 no, 2 yes (see ``holdsInstancesInside``).
    @exclusivity(unchecked) private var instancesInside: UInt8 = 0

    public init(_ storage: OrderedKeySet = OrderedKeySet(), frozen: Bool = false) {
        self.storage = storage
        self.isFrozen = frozen
    }

    /// For a frozenset (never changed once made): whether it holds an instance, itself or inside
    /// its tuples and frozensets at any depth. Cached, as CPython caches a frozenset's hash: a key
    /// lookup asks whether the key holds an instance with a user `__eq__` or `__hash__`, and
    /// without the cache `f = frozenset([f])` in a loop walked every level again (quadratic:
    /// 4,000 levels took 8.5 s). A frozenset met inside whose answer is not known yet is walked,
    /// not asked, so nothing recurses.
    var holdsInstancesInside: Bool {
        if instancesInside != 0 { return instancesInside == 2 }
        var found = false
        var pending = storage.elements.map(\.value)
        walk: while let item = pending.popLast() {
            switch item {
            case .instance:
                found = true
                break walk
            case .tuple(let items): pending.append(contentsOf: items)
            case .set(let inner):
                if inner.isFrozen, inner.instancesInside != 0 {
                    if inner.instancesInside == 2 {
                        found = true
                        break walk
                    }
                } else {
                    pending.append(contentsOf: inner.storage.elements.map(\.value))
                }
            default: break
            }
        }
        if isFrozen { instancesInside = found ? 2 : 1 }
        return found
    }

    /// Frees nested values without recursion (see ``NestedRelease``).
    deinit {
        guard holdsContainers else { return }
        var pending: [Value] = []
        moveElements(into: &pending)
        NestedRelease.drain(&pending)
    }
}

/// An insertion-ordered set of ``HashKey``s. (Iteration of int sets follows CPython's table
/// order; see ``CPythonSetOrder``.)
public struct OrderedKeySet: Equatable, Sequence, @unchecked Sendable {
    var table = KeyTable()

    public init() {}
    public init<S: Sequence>(_ keys: S) where S.Element == HashKey {
        for k in keys { insert(k) }
    }

    public var count: Int { table.count }
    public func contains(_ k: HashKey) -> Bool { table.find(k.value, hash: k.hash) != nil }

    /// ``contains(_:)`` for a set stored in a class: reaches the table in place instead of
    /// copying it (see ``KeyTable/valueInPlace(for:hash:)``).
    mutating func containsInPlace(_ k: HashKey) -> Bool { table.findInPlace(k.value, hash: k.hash) != nil }

    @discardableResult
    public mutating func insert(_ k: HashKey) -> Bool {
        table.set(k.value, hash: k.hash, value: .none)
    }

    @discardableResult
    public mutating func remove(_ k: HashKey) -> Bool {
        table.remove(k.value, hash: k.hash) != nil
    }

    public mutating func removeAll() { table.removeAll() }

    public struct Iterator: IteratorProtocol {
        var base: IndexingIterator<[KeyTable.Entry?]>
        public mutating func next() -> HashKey? {
            while let e = base.next() {
                if let e { return HashKey(raw: e.key, hash: e.hash) }
            }
            return nil
        }
    }

    public func makeIterator() -> Iterator { Iterator(base: table.entries.makeIterator()) }

    var elements: [HashKey] { table.entries.compactMap { $0.map { HashKey(raw: $0.key, hash: $0.hash) } } }

    /// Positional access for iterators that must survive a snapshot.
    var slotCount: Int { table.entries.count }
    func slot(_ i: Int) -> HashKey? {
        guard i < table.entries.count, let e = table.entries[i] else { return nil }
        return HashKey(raw: e.key, hash: e.hash)
    }

    public static func == (a: OrderedKeySet, b: OrderedKeySet) -> Bool {
        guard a.count == b.count else { return false }
        for k in a where !b.contains(k) { return false }
        return true
    }
}
