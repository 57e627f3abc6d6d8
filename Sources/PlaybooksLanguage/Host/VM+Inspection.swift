/// One frame of the Python call stack, for people and tools (not for resuming: snapshots do that).
public struct FrameInfo {
    /// The function's name (`<module>` for module code).
    public var function: String
    /// The line being executed.
    public var line: Int
    /// The file the code came from.
    public var filename: String
    /// Bound local variables in slot order.
    public var locals: [(name: String, value: Value)]
}

extension VirtualMachine {
    /// The Python call stack, outermost first.
    public var callFrames: [FrameInfo] {
        frames.map { frame in
            var locals: [(String, Value)] = []
            let values = frame.locals
            for (i, name) in frame.code.localNames.enumerated() where i < values.count {
                if let v = values[i] { locals.append((name, v)) }
            }
            return FrameInfo(function: frame.code.name, line: frame.line, filename: frame.code.filename, locals: locals)
        }
    }

    /// Python's `repr(value)`; a `__repr__` that fails gives `<unrepresentable TYPE>`.
    public func reprText(_ value: Value) -> String {
        (try? repr(value)) ?? "<unrepresentable \(value.typeName)>"
    }

    /// Python's `str(value)`; a `__str__` that fails gives `<unprintable TYPE>`.
    public func strText(_ value: Value) -> String {
        (try? str(value)) ?? "<unprintable \(value.typeName)>"
    }

    /// Compiles `source` (whose first line is line `firstLine` of `filename`) as a module and
    /// prepares to run it in ``globals``.
    public func load(source: String, filename: String, firstLine: Int) throws(SyntaxError) {
        let module = try Parser.parse(source, firstLine: firstLine)
        start(try Compiler.compile(module, filename: filename, namespace: globals))
    }
}

extension PyException {
    /// An exception of the built-in class named `typeName` (e.g. `"ValueError"`); an unknown name
    /// gives a `RuntimeError` whose message starts with the name.
    public init(typeNamed typeName: String, message: String) {
        if let type = Types.all.first(where: { $0.name == typeName && $0.isExceptionClass }) {
            self.init(type, message)
        } else {
            self.init(Types.runtimeError, "\(typeName): \(message)")
        }
    }

    /// The exception's class name, e.g. `"KeyError"`.
    public var typeName: String { object.type.name }
}
