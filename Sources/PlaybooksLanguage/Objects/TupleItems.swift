/// The items of a tuple: an immutable sequence of values.
///
/// One allocation holding the count and the values, as a Swift array is, but a buffer of this
/// module's own (``TupleStorage``), so that it has a `deinit`: freeing a tuple that holds the only
/// reference to a tuple that holds the only reference to a tuple ... goes through
/// ``NestedRelease``'s work list instead of recursing once per level (`t = (t,)` in a loop, then
/// `t = None`). Reading it costs what reading an array costs; a tuple built from an array copies
/// the array's values (`TupleItems(array)`), a tuple display moves them from the operand stack.
///
/// ```swift
/// let pair: Value = .tuple([.int(1), .str("two")])
/// if case .tuple(let items) = pair { print(items.count, items[0]) }
/// ```
public struct TupleItems: RandomAccessCollection, ExpressibleByArrayLiteral, @unchecked Sendable {
    /// A `var` so that ``NestedRelease`` can ask whether it is the only reference.
    var storage: TupleStorage

    /// `()`: every empty tuple shares one buffer.
    public init() { storage = TupleStorage.empty }

    /// A tuple of `items`, copied. (Not inlined, as `array` is not: conversions are not hot,
    /// and what is inlined into the dispatch loop moves its code about; see `.unpackSequence`
    /// in `run`.)
    @inline(never)
    public init(_ items: [Value]) {
        self.init(count: items.count) { base in
            items.withUnsafeBufferPointer { source in
                if let s = source.baseAddress { base.initialize(from: s, count: items.count) }
            }
        }
    }

    /// A tuple of the values of `items`, copied.
    public init<C: Collection>(_ items: C) where C.Element == Value {
        let n = items.count
        self.init(count: n) { base in
            var i = 0
            for item in items where i < n {
                (base + i).initialize(to: item)
                i += 1
            }
            // A collection that yields fewer values than its count: the rest are None (never uninitialized memory).
            while i < n {
                (base + i).initialize(to: .none)
                i += 1
            }
        }
    }

    /// `[a, b]` as a tuple. (Inlined, so that the variadic array can live on the stack: one
    /// allocation, the tuple's.)
    @inline(__always)
    public init(arrayLiteral elements: Value...) {
        self.init(count: elements.count) { base in
            elements.withUnsafeBufferPointer { if let s = $0.baseAddress { base.initialize(from: s, count: $0.count) } }
        }
    }

    /// A tuple of `count` values written by `initialize`, which must initialize all of them.
    init(count: Int, initializingWith initialize: (UnsafeMutablePointer<Value>) -> Void) {
        guard count > 0 else {
            storage = TupleStorage.empty
            return
        }
        storage = TupleStorage.make(count: count, initializingWith: initialize)
    }

    public var startIndex: Int { 0 }

    @inline(__always)
    public var endIndex: Int { storage.count }

    @inline(__always)
    public var count: Int { storage.count }

    @inline(__always)
    public var isEmpty: Bool { storage.count == 0 }

    /// The item at `i`. As with `Array`, `i` must be in range: every Python-level index is
    /// checked (and an `IndexError` raised) before it gets here; the check stays so that a bug
    /// stops the process instead of reading outside the buffer.
    @inline(__always)
    public subscript(i: Int) -> Value {
        precondition(UInt(bitPattern: i) < UInt(bitPattern: storage.count), "tuple index out of range")
        return storage.withUnsafeMutablePointerToElements { $0[i] }
    }

    /// Iterates with the count read once (indexing reads it for each bounds check, since the
    /// loop's body may run code the compiler cannot see through).
    public struct Iterator: IteratorProtocol {
        let storage: TupleStorage
        let count: Int
        var index = 0

        @inline(__always)
        public mutating func next() -> Value? {
            guard index < count else { return nil }
            defer { index += 1 }
            return storage.withUnsafeMutablePointerToElements { $0[index] }
        }
    }

    @inline(__always)
    public func makeIterator() -> Iterator { Iterator(storage: storage, count: storage.count) }

    /// The values in place: `Array.append(contentsOf:)` and other copies take them as a block.
    @inline(__always)
    public func withContiguousStorageIfAvailable<R>(_ body: (UnsafeBufferPointer<Value>) throws -> R) rethrows -> R? {
        try withUnsafeBufferPointer(body)
    }

    /// The values, lent to `body` in place (not copied).
    @inline(__always)
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Value>) throws -> R) rethrows -> R {
        try storage.withUnsafeMutablePointers { count, items in
            try body(UnsafeBufferPointer(start: items, count: count.pointee))
        }
    }

    /// `a + b`.
    public static func + (a: TupleItems, b: TupleItems) -> TupleItems {
        if b.isEmpty { return a }
        if a.isEmpty { return b }
        return TupleItems(count: a.count + b.count) { base in
            a.withUnsafeBufferPointer { if let s = $0.baseAddress { base.initialize(from: s, count: $0.count) } }
            b.withUnsafeBufferPointer { if let s = $0.baseAddress { (base + a.count).initialize(from: s, count: $0.count) } }
        }
    }

    /// The values as an array (a copy).
    @inline(never)
    public var array: [Value] { withUnsafeBufferPointer { Array($0) } }
}

/// The buffer behind ``TupleItems``: the count, then the values.
final class TupleStorage: ManagedBuffer<Int, Value> {
    /// The number of values. Read through a pointer: `header` is a stored property of the class,
    /// and reading it as one costs a dynamic exclusivity check (`swift_beginAccess`).
    @inline(__always)
    var count: Int { withUnsafeMutablePointerToHeader { $0.pointee } }

    /// Never written (its count is 0, and it is never the only reference to itself).
    nonisolated(unsafe) static let empty = make(count: 0) { _ in }

    static func make(count: Int, initializingWith initialize: (UnsafeMutablePointer<Value>) -> Void) -> TupleStorage {
        let buffer = unsafeDowncast(create(minimumCapacity: count) { _ in 0 }, to: TupleStorage.self)
        buffer.withUnsafeMutablePointers { header, items in
            initialize(items)
            header.pointee = count
        }
        return buffer
    }

    /// Frees the values; those that can free further containers (a nested tuple, a list, ...) go
    /// through ``NestedRelease``'s work list, so the Swift stack does not grow with the nesting.
    deinit {
        var pending: [Value] = []
        moveItems(into: &pending)
        if !pending.isEmpty { NestedRelease.drain(&pending) }
    }

    /// Empties the buffer: values that can hold further containers are moved to `pending`, the
    /// others are destroyed in place. Only for a buffer nobody else references.
    func moveItems(into pending: inout [Value]) {
        withUnsafeMutablePointers { header, items in
            let n = header.pointee
            header.pointee = 0
            var i = 0
            while i < n {
                if NestedRelease.holdsContainers(items[i]) {
                    pending.append((items + i).move())
                } else if !items[i].holdsNoReference {
                    (items + i).deinitialize(count: 1)
                }
                i += 1
            }
        }
    }
}
