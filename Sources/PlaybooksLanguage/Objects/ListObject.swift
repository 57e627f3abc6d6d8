/// A Python `list`: a mutable sequence with identity.
public final class ListObject: @unchecked Sendable {
    @exclusivity(unchecked) public var items: [Value]
    /// A `collections.deque` is a list with this flag (and its own repr).
    @exclusivity(unchecked) public var isDeque = false
    /// A deque's `maxlen`: appending beyond it drops items from the other end.
    @exclusivity(unchecked) public var maxLength: Int?

    /// Enforces `maxLength` after items were added at the end (`fromEnd`) or the front.
    func trimToMaxLength(addedAtEnd: Bool) {
        guard let m = maxLength, items.count > m else { return }
        if addedAtEnd { items.removeFirst(items.count - m) } else { items.removeLast(items.count - m) }
    }
    public init(_ items: [Value] = []) { self.items = items }

    /// Frees nested containers without recursion (see ``NestedRelease``).
    deinit {
        guard items.contains(where: NestedRelease.holdsContainers) else { return }
        var pending = items
        items = []
        NestedRelease.drain(&pending)
    }
}
