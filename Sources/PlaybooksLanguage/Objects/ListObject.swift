/// A Python `list`: a mutable sequence with identity.
public final class ListObject: @unchecked Sendable {
    public var items: [Value]
    /// A `collections.deque` is a list with this flag (and its own repr).
    public var isDeque = false
    public init(_ items: [Value] = []) { self.items = items }
}
