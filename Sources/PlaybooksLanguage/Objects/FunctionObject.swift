/// A Python function (`def`, `async def` or `lambda`).
public final class FunctionObject: @unchecked Sendable {
    public internal(set) var code: CodeObject
    public internal(set) var globals: Namespace
    public var defaults: [Value]
    public var keywordDefaults: [String: Value]
    public internal(set) var closure: [Cell]
    public var name: String
    /// Attributes set on the function object (`f.calls = 0`, `__wrapped__`, ...).
    public var attributes: DictObject?

    init(
        code: CodeObject, globals: Namespace, defaults: [Value], keywordDefaults: [String: Value],
        closure: [Cell]
    ) {
        self.code = code
        self.globals = globals
        self.defaults = defaults
        self.keywordDefaults = keywordDefaults
        self.closure = closure
        self.name = code.name
    }
}
