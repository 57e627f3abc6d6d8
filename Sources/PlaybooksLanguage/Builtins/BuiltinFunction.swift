/// The Swift signature of a built-in: the VM, positional arguments (for methods, the receiver
/// first) and keyword arguments.
typealias NativeFunction = @Sendable (VirtualMachine, ArraySlice<Value>, [(String, Value)]) throws(PyException) -> Value

/// A function implemented in Swift (a built-in, a method of a built-in type, a module function)
/// or a host function registered by the embedder.
///
/// Built-ins are identified by a stable ``key`` (`"len"`, `"str.join"`, `"math.sqrt"`), which is
/// what a snapshot stores.
public final class BuiltinFunction: @unchecked Sendable {
    public let key: String
    public let name: String
    let body: NativeFunction?
    /// Set for host functions: calling one creates a ``HostCall``.
    public let isHost: Bool

    init(key: String, name: String? = nil, _ body: @escaping NativeFunction) {
        self.key = key
        self.name = name ?? String(key.split(separator: ".").last ?? Substring(key))
        self.body = body
        self.isHost = false
    }

    private init(hostName: String) {
        self.key = "host:" + hostName
        self.name = hostName
        self.body = nil
        self.isHost = true
    }

    static func host(_ name: String) -> BuiltinFunction { BuiltinFunction(hostName: name) }

    func call(_ vm: VirtualMachine, _ args: ArraySlice<Value>, _ kwargs: [(String, Value)]) throws(PyException) -> Value {
        guard let body else {
            return .hostCall(HostCall(name: name, arguments: Array(args), keywordArguments: kwargs.map { (name: $0.0, value: $0.1) }))
        }
        return try body(vm, args, kwargs)
    }
}

/// Helpers for reading a built-in's arguments with CPython's error messages.
struct ArgumentReader {
    let function: String
    let args: ArraySlice<Value>
    let kwargs: [(String, Value)]

    init(_ function: String, _ args: ArraySlice<Value>, _ kwargs: [(String, Value)]) {
        self.function = function
        self.args = args
        self.kwargs = kwargs
    }

    var count: Int { args.count }

    subscript(i: Int) -> Value { args[args.startIndex + i] }

    func optional(_ i: Int, _ keyword: String? = nil) -> Value? {
        if i < args.count { return args[args.startIndex + i] }
        if let keyword { return kwargs.first { $0.0 == keyword }?.1 }
        return nil
    }

    func keyword(_ name: String) -> Value? { kwargs.first { $0.0 == name }?.1 }

    /// Checks the positional count; `max == nil` for no upper bound.
    func expect(_ min: Int, _ max: Int?, noKeywords: Bool = true) throws(PyException) {
        if noKeywords, !kwargs.isEmpty {
            throw PyException.typeError("\(function)() takes no keyword arguments")
        }
        if args.count < min || (max != nil && args.count > (max ?? 0)) {
            if min == max {
                if min == 1 {
                    throw PyException.typeError("\(function)() takes exactly one argument (\(args.count) given)")
                }
                if min == 0 {
                    throw PyException.typeError("\(function)() takes no arguments (\(args.count) given)")
                }
                throw PyException.typeError("\(function) expected \(min) arguments, got \(args.count)")
            }
            if args.count < min {
                throw PyException.typeError("\(function) expected at least \(min) argument\(min == 1 ? "" : "s"), got \(args.count)")
            }
            throw PyException.typeError("\(function) expected at most \(max ?? 0) argument\(max == 1 ? "" : "s"), got \(args.count)")
        }
    }

    /// Refuses keyword arguments not in `allowed`. (An array: a set literal was built on every
    /// call of the built-in, keywords or not.)
    func checkKeywords(_ allowed: [String]) throws(PyException) {
        for (k, _) in kwargs where !allowed.contains(k) {
            throw PyException.typeError("'\(k)' is an invalid keyword argument for \(function)()")
        }
    }
}
