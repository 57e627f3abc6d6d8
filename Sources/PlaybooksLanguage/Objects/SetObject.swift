/// A Python `set` (or `frozenset` when `isFrozen`).
public final class SetObject: @unchecked Sendable {
    public var storage: OrderedKeySet
    public internal(set) var isFrozen: Bool

    public init(_ storage: OrderedKeySet = OrderedKeySet(), frozen: Bool = false) {
        self.storage = storage
        self.isFrozen = frozen
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
    public func contains(_ k: HashKey) -> Bool { table.find(k.value, hash: PyHash.hash(k.value)) != nil }

    @discardableResult
    public mutating func insert(_ k: HashKey) -> Bool {
        table.set(k.value, hash: PyHash.hash(k.value), value: .none)
    }

    @discardableResult
    public mutating func remove(_ k: HashKey) -> Bool {
        table.remove(k.value, hash: PyHash.hash(k.value)) != nil
    }

    public mutating func removeAll() { table.removeAll() }

    public struct Iterator: IteratorProtocol {
        var base: IndexingIterator<[Value?]>
        public mutating func next() -> HashKey? {
            while let k = base.next() {
                if let k { return HashKey(raw: k) }
            }
            return nil
        }
    }

    public func makeIterator() -> Iterator { Iterator(base: table.keys.makeIterator()) }

    var elements: [HashKey] { table.keys.compactMap { $0.map { HashKey(raw: $0) } } }

    /// Positional access for iterators that must survive a snapshot.
    var slotCount: Int { table.slotCount }
    func slot(_ i: Int) -> HashKey? {
        guard i < table.slotCount, let k = table.keys[i] else { return nil }
        return HashKey(raw: k)
    }

    public static func == (a: OrderedKeySet, b: OrderedKeySet) -> Bool {
        guard a.count == b.count else { return false }
        for k in a where !b.contains(k) { return false }
        return true
    }
}
