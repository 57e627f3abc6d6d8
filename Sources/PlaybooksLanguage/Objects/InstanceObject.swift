/// An instance of a user-defined class.
public final class InstanceObject: @unchecked Sendable {
    @exclusivity(unchecked) public internal(set) var cls: TypeObject
    @exclusivity(unchecked) public internal(set) var attributes: DictObject
    public init(cls: TypeObject, attributes: DictObject = DictObject()) {
        self.cls = cls
        self.attributes = attributes
    }
}
