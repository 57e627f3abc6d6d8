/// A method bound to its receiver: `obj.method`.
public final class BoundMethod: @unchecked Sendable {
    @exclusivity(unchecked) public internal(set) var receiver: Value
    @exclusivity(unchecked) public internal(set) var function: Value
    public init(receiver: Value, function: Value) {
        self.receiver = receiver
        self.function = function
    }
}
