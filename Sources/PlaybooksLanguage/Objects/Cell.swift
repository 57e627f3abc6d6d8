/// A variable captured by a closure.
public final class Cell: @unchecked Sendable {
    @exclusivity(unchecked) public var value: Value?
    public init(_ value: Value? = nil) { self.value = value }
}
