/// A module object (`import math`).
public final class ModuleObject: @unchecked Sendable {
    public internal(set) var name: String
    public internal(set) var attributes: DictObject
    public init(name: String, attributes: DictObject) {
        self.name = name
        self.attributes = attributes
    }
}
