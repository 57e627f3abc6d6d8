/// A Python `set` (or `frozenset` when `isFrozen`). Iteration follows insertion order, which
/// keeps programs deterministic (CPython's order depends on hashes; programs that print sets of
/// small ints see the same order for the common cases of sorted insertion).
public final class SetObject: @unchecked Sendable {
    public var storage: OrderedKeySet
    public internal(set) var isFrozen: Bool

    public init(_ storage: OrderedKeySet = OrderedKeySet(), frozen: Bool = false) {
        self.storage = storage
        self.isFrozen = frozen
    }
}

/// An insertion-ordered set of ``HashKey``s.
public struct OrderedKeySet: Equatable, Sequence, @unchecked Sendable {
    var index: [HashKey: Int] = [:]
    var order: [HashKey?] = []

    public init() {}
    public init<S: Sequence>(_ keys: S) where S.Element == HashKey {
        for k in keys { insert(k) }
    }

    public var count: Int { index.count }
    public func contains(_ k: HashKey) -> Bool { index[k] != nil }

    @discardableResult
    public mutating func insert(_ k: HashKey) -> Bool {
        if index[k] != nil { return false }
        index[k] = order.count
        order.append(k)
        return true
    }

    @discardableResult
    public mutating func remove(_ k: HashKey) -> Bool {
        guard let i = index.removeValue(forKey: k) else { return false }
        order[i] = nil
        if order.count > 32 && index.count * 2 < order.count {
            order = order.filter { $0 != nil }
            for (j, key) in order.enumerated() { if let key { index[key] = j } }
        }
        return true
    }

    public mutating func removeAll() {
        index.removeAll()
        order.removeAll()
    }

    public struct Iterator: IteratorProtocol {
        var base: IndexingIterator<[HashKey?]>
        public mutating func next() -> HashKey? {
            while let k = base.next() {
                if let k { return k }
            }
            return nil
        }
    }

    public func makeIterator() -> Iterator { Iterator(base: order.makeIterator()) }

    var elements: [HashKey] { order.compactMap { $0 } }

    /// Positional access for iterators that must survive a snapshot.
    var slotCount: Int { order.count }
    func slot(_ i: Int) -> HashKey? { i < order.count ? order[i] : nil }

    public static func == (a: OrderedKeySet, b: OrderedKeySet) -> Bool {
        guard a.count == b.count else { return false }
        for k in a where !b.contains(k) { return false }
        return true
    }
}
