/// An instance of a user-defined class.
public final class InstanceObject: @unchecked Sendable {
    @exclusivity(unchecked) public internal(set) var cls: TypeObject
    @exclusivity(unchecked) public internal(set) var attributes: DictObject
    public init(cls: TypeObject, attributes: DictObject = DictObject()) {
        self.cls = cls
        self.attributes = attributes
    }
}

extension InstanceObject {
    /// The field this instance stands for where a plain value is needed (a snapshot of state sent
    /// elsewhere, `json.dumps`): its class names it in `__pb_plain__` (a message object is its
    /// `content`). `nil` for other instances.
    public var plainField: Value? {
        guard case .str(let field)? = cls.lookup(PortableValue.plainFieldName), let key = HashKey(.str(field)) else { return nil }
        return attributes[key]
    }

    /// ``plainField`` when it is a string: what string functions (`str` methods, `join`, `re`)
    /// take this instance as, as they would a `str` subclass.
    public var plainText: String? {
        if case .str(let s)? = plainField { return s }
        return nil
    }
}

extension Value {
    /// The string this value is or stands for (see ``InstanceObject/plainText``).
    @inline(__always)
    var stringLike: String? {
        switch self {
        case .str(let s): return s
        case .instance(let o): return o.plainText
        default: return nil
        }
    }
}
