/// A Python exception instance.
public final class ExceptionObject: @unchecked Sendable {
    public internal(set) var type: TypeObject
    public var args: [Value]
    public var cause: ExceptionObject?
    public var context: ExceptionObject?
    public var suppressContext = false
    /// Set for limit errors: no `except` clause catches them, so the run ends.
    public var isFatal = false
    /// (function name, line) pairs, innermost last, filled in as the exception unwinds.
    /// The frames the exception passed through, innermost last: function, line and the code's file.
    public var traceback: [(name: String, line: Int, filename: String)] = []
    /// Extra attributes (user exception fields, `JSONDecodeError.msg`, ...).
    public var attributes: DictObject?

    public init(type: TypeObject, args: [Value]) {
        self.type = type
        self.args = args
    }

    /// Frees nested values (a chain of causes, contexts or args) without recursion (see
    /// ``NestedRelease``).
    deinit {
        guard holdsContainers else { return }
        var pending: [Value] = []
        moveParts(into: &pending)
        NestedRelease.drainIfAny(&pending)
    }

    public convenience init(type: TypeObject, message: String) {
        self.init(type: type, args: [.str(message)])
    }
}

/// A Python exception travelling through Swift code (`throws(PyException)`).
public struct PyException: Error, @unchecked Sendable {
    public let object: ExceptionObject
    public init(_ object: ExceptionObject) { self.object = object }
    public init(_ type: TypeObject, _ message: String) {
        self.object = ExceptionObject(type: type, message: message)
    }

    static func typeError(_ m: String) -> PyException { PyException(Types.typeError, m) }
    static func valueError(_ m: String) -> PyException { PyException(Types.valueError, m) }
    static func indexError(_ m: String) -> PyException { PyException(Types.indexError, m) }
    static func keyError(_ key: Value) -> PyException {
        PyException(ExceptionObject(type: Types.keyError, args: [key]))
    }
    static func attributeError(_ m: String) -> PyException { PyException(Types.attributeError, m) }
    static func zeroDivision(_ m: String = "division by zero") -> PyException {
        PyException(Types.zeroDivisionError, m)
    }
    static func overflow(_ m: String) -> PyException { PyException(Types.overflowError, m) }
    static func nameError(_ name: String) -> PyException {
        PyException(Types.nameError, "name '\(name)' is not defined")
    }
    static func runtimeError(_ m: String) -> PyException { PyException(Types.runtimeError, m) }
}
