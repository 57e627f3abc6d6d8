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

    /// For a frozenset: how deep frozensets (and tuples) nest in it, 0 when not known yet (see
    /// ``nestingDepth``).
    @exclusivity(unchecked) private var depthInside = 0

    /// For a frozenset: 1 plus the deepest nesting of frozensets and tuples among its elements
    /// (`frozenset()` is 1, `frozenset([frozenset()])` 2). Comparing two distinct frozensets
    /// recurses this deep, so a lookup that would compare them checks it first (see
    /// `VirtualMachine.checkNestedSetComparison`). Cached like ``holdsInstancesInside``, and
    /// computed with a work list: a frozenset met inside whose depth is known is not walked again.
    var nestingDepth: Int {
        if depthInside != 0 { return depthInside }
        var deepest = 1
        var pending = storage.elements.map { ($0.value, 2) }
        while let (item, depth) = pending.popLast() {
            switch item {
            case .tuple(let items):
                deepest = max(deepest, depth)
                pending.append(contentsOf: items.map { ($0, depth + 1) })
            case .set(let inner):
                if inner.isFrozen, inner.depthInside != 0 {
                    deepest = max(deepest, depth - 1 + inner.depthInside)
                } else {
                    deepest = max(deepest, depth)
                    pending.append(contentsOf: inner.storage.elements.map { ($0.value, depth + 1) })
                }
            default: break
            }
        }
        if isFrozen { depthInside = deepest }
        return deepest
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
