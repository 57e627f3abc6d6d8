/// A variable captured by a closure.
public final class Cell: @unchecked Sendable {
    public var value: Value?
    public init(_ value: Value? = nil) { self.value = value }
}

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

/// A method bound to its receiver: `obj.method`.
public final class BoundMethod: @unchecked Sendable {
    public internal(set) var receiver: Value
    public internal(set) var function: Value
    public init(receiver: Value, function: Value) {
        self.receiver = receiver
        self.function = function
    }
}

/// A module object (`import math`).
public final class ModuleObject: @unchecked Sendable {
    public internal(set) var name: String
    public internal(set) var attributes: DictObject
    public init(name: String, attributes: DictObject) {
        self.name = name
        self.attributes = attributes
    }
}

/// An instance of a user-defined class.
public final class InstanceObject: @unchecked Sendable {
    public internal(set) var cls: TypeObject
    public internal(set) var attributes: DictObject
    public init(cls: TypeObject, attributes: DictObject = DictObject()) {
        self.cls = cls
        self.attributes = attributes
    }
}

/// A call of a host function, created when Python calls it and performed when Python awaits it.
public final class HostCall: @unchecked Sendable {
    public internal(set) var name: String
    public internal(set) var arguments: [Value]
    public internal(set) var keywordArguments: [(name: String, value: Value)]
    public init(name: String, arguments: [Value], keywordArguments: [(name: String, value: Value)]) {
        self.name = name
        self.arguments = arguments
        self.keywordArguments = keywordArguments
    }
}

/// The coroutine returned by calling an `async def` function.
public final class CoroutineObject: @unchecked Sendable {
    public enum State: UInt8, Sendable { case created, running, finished }
    var frame: Frame?
    public var state: State
    public internal(set) var name: String
    init(frame: Frame?, name: String) {
        self.frame = frame
        self.state = .created
        self.name = name
    }
}
