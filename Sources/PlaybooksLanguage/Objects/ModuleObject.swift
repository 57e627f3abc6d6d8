/// A module object (`import math`).
public final class ModuleObject: @unchecked Sendable {
    @exclusivity(unchecked) public internal(set) var name: String
    @exclusivity(unchecked) public internal(set) var attributes: DictObject
    public init(name: String, attributes: DictObject) {
        self.name = name
        self.attributes = attributes
    }
}
