/// A Python function (`def`, `async def` or `lambda`).
public final class FunctionObject: @unchecked Sendable {
    @exclusivity(unchecked) public internal(set) var code: CodeObject
    @exclusivity(unchecked) public internal(set) var globals: Namespace
    @exclusivity(unchecked) public var defaults: [Value]
    @exclusivity(unchecked) public var keywordDefaults: [String: Value]
    @exclusivity(unchecked) public internal(set) var closure: [Cell]
    @exclusivity(unchecked) public var name: String
    /// Attributes set on the function object (`f.calls = 0`, `__wrapped__`, ...).
    @exclusivity(unchecked) public var attributes: DictObject?

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

    /// Frees nested values (a chain of defaults or closures) without recursion (see ``NestedRelease``).
    deinit {
        guard holdsContainers else { return }
        var pending: [Value] = []
        moveParts(into: &pending)
        NestedRelease.drainIfAny(&pending)
    }
}
