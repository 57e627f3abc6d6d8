/// One parameter of a playbook's signature, with its type and default as written.
///
/// `## X($num=10)` has the parameter `num` with the default `10`; `async def Main(arg1: str,
/// arg2: str = "default")` has `arg1` of type `str` and `arg2` of type `str` with the default
/// `"default"`. ``PlaybookDefinition/parameters`` keeps the names alone.
public struct PlaybookParameter: Sendable, Equatable {
    /// The name without `$`, with `*` or `**` for variadic parameters.
    public var name: String
    /// The annotation after `:`, as written; `nil` when absent.
    public var type: String?
    /// The default after `=`, as written (source text, not evaluated); `nil` when absent.
    public var defaultValue: String?

    public init(name: String, type: String? = nil, defaultValue: String? = nil) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
    }

    /// `name: type = default`, as in a Python signature.
    public var text: String {
        var out = name
        if let type { out += ": \(type)" }
        if let defaultValue { out += type == nil ? "=\(defaultValue)" : " = \(defaultValue)" }
        return out
    }
}
