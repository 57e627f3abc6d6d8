/// A Python class: a built-in type (`int`, `list`, `ValueError`, ...) or a user-defined class.
public final class TypeObject: @unchecked Sendable {
    @exclusivity(unchecked) public internal(set) var name: String
    @exclusivity(unchecked) public internal(set) var base: TypeObject?
    /// Class attributes and methods (user classes; empty for most built-ins).
    @exclusivity(unchecked) public internal(set) var attributes: DictObject
    @exclusivity(unchecked) public internal(set) var isBuiltin: Bool
    /// Module-qualified name for `repr` of exceptions from modules (`json.decoder.JSONDecodeError`).
    @exclusivity(unchecked) public internal(set) var module: String
    /// For ``storeIsSimple(_:hash:epoch:)``, valid for one class epoch: whether the chain has
    /// `__setattr__`, and the names of its properties (few; scanned by hash).
    @exclusivity(unchecked) private var storesHook = false
    @exclusivity(unchecked) private var propertyNames: [(hash: Int, name: String)] = []
    @exclusivity(unchecked) private var storesEpoch = -1

    public init(name: String, base: TypeObject?, attributes: DictObject = DictObject(), isBuiltin: Bool, module: String = "builtins") {
        self.name = name
        self.base = base
        self.attributes = attributes
        self.isBuiltin = isBuiltin
        self.module = module
    }

    /// Frees a chain of bases without recursion (see ``NestedRelease``); the attributes' own
    /// dict frees what they hold.
    deinit {
        guard isKnownUniquelyReferenced(&base), let b = base else { return }
        base = nil
        var pending: [Value] = [.type(b)]
        NestedRelease.drain(&pending)
    }

    /// Whether `self` is `other` or derives from it.
    public func isSubclass(of other: TypeObject) -> Bool {
        var t: TypeObject? = self
        while let c = t {
            if c === other { return true }
            t = c.base
        }
        return false
    }

    public var isExceptionClass: Bool { isSubclass(of: Types.baseException) }

    /// Whether assigning an attribute on an instance must go through the slow path
    /// (`__setattr__` defined somewhere in the chain).
    var hasCustomAttributeHooks: Bool { lookup("__setattr__", hash: TypeObject.setattrHash) != nil }

    /// Whether assigning the instance attribute `name` can skip looking at the class: no
    /// `__setattr__` in the chain and no property of that name. What that depends on is cached
    /// per class for one value of the VM's class epoch, which changes whenever any class
    /// attribute is assigned.
    @inline(__always)
    func storeIsSimple(_ name: String, hash: Int, epoch: Int) -> Bool {
        if storesEpoch != epoch { refreshStores(epoch: epoch) }
        return !storesHook && !hasProperty(name, hash: hash)
    }

    /// Whether the chain has a property `name`: it takes precedence over an instance attribute
    /// of the same name (set before the property was added to the class).
    @inline(__always)
    func hasProperty(_ name: String, hash: Int, epoch: Int) -> Bool {
        if storesEpoch != epoch { refreshStores(epoch: epoch) }
        return hasProperty(name, hash: hash)
    }

    @inline(__always)
    private func hasProperty(_ name: String, hash: Int) -> Bool {
        for p in propertyNames where p.hash == hash && p.name == name { return true }
        return false
    }

    private func refreshStores(epoch: Int) {
        storesHook = hasCustomAttributeHooks
        propertyNames = []
        var t: TypeObject? = self
        while let c = t {
            for (k, v) in c.attributes.pairs {
                if case .native(let n) = v, n is PropertyWrapper, case .str(let name) = k {
                    propertyNames.append((PyHash.string(name), name))
                }
            }
            t = c.base
        }
        storesEpoch = epoch
    }

    static let setattrHash = PyHash.string("__setattr__")
    static let initHash = PyHash.string("__init__")

    /// Looks an attribute up along the class chain, given the name's ``PyHash``.
    @inline(__always)
    func lookup(_ name: String, hash: Int) -> Value? {
        var t: TypeObject? = self
        while let c = t {
            if let v = c.attributes.get(name, hash: hash) { return v }
            t = c.base
        }
        return nil
    }

    /// The `@property` `name` of the class chain, if that is what the name is.
    func property(_ name: String, hash: Int) -> PropertyWrapper? {
        guard case .native(let n)? = lookup(name, hash: hash) else { return nil }
        return n as? PropertyWrapper
    }

    /// Looks an attribute up along the class chain.
    public func lookup(_ name: String) -> Value? {
        lookup(name, hash: PyHash.string(name))
    }
}

/// The built-in types and exception classes.
public enum Types {
    public static let object = TypeObject(name: "object", base: nil, isBuiltin: true)
    static func builtin(_ name: String, _ base: TypeObject = object) -> TypeObject {
        TypeObject(name: name, base: base, isBuiltin: true)
    }
    public static let int = builtin("int")
    public static let bool = builtin("bool", int)
    public static let float = builtin("float")
    public static let str = builtin("str")
    public static let list = builtin("list")
    public static let tuple = builtin("tuple")
    public static let dict = builtin("dict")
    public static let set = builtin("set")
    public static let frozenset = builtin("frozenset")
    public static let noneType = builtin("NoneType")
    public static let function = builtin("function")
    public static let builtinFunction = builtin("builtin_function_or_method")
    public static let method = builtin("method")
    public static let type = builtin("type")
    public static let module = builtin("module")
    public static let range = builtin("range")
    public static let slice = builtin("slice")
    public static let coroutine = builtin("coroutine")
    public static let ellipsis = builtin("ellipsis")
    public static let hostCall = builtin("host_call")
    public static let listIterator = builtin("list_iterator")
    public static let counter = TypeObject(name: "Counter", base: dict, isBuiltin: true, module: "collections")
    public static let defaultdict = TypeObject(name: "defaultdict", base: dict, isBuiltin: true, module: "collections")
    public static let orderedDict = TypeObject(name: "OrderedDict", base: dict, isBuiltin: true, module: "collections")
    public static let deque = TypeObject(name: "deque", base: object, isBuiltin: true, module: "collections")

    public static let baseException = builtin("BaseException")
    public static let systemExit = builtin("SystemExit", baseException)
    public static let keyboardInterrupt = builtin("KeyboardInterrupt", baseException)
    public static let exception = builtin("Exception", baseException)
    public static let arithmeticError = builtin("ArithmeticError", exception)
    public static let zeroDivisionError = builtin("ZeroDivisionError", arithmeticError)
    public static let overflowError = builtin("OverflowError", arithmeticError)
    public static let assertionError = builtin("AssertionError", exception)
    public static let attributeError = builtin("AttributeError", exception)
    public static let lookupError = builtin("LookupError", exception)
    public static let indexError = builtin("IndexError", lookupError)
    public static let keyError = builtin("KeyError", lookupError)
    public static let nameError = builtin("NameError", exception)
    public static let unboundLocalError = builtin("UnboundLocalError", nameError)
    public static let runtimeError = builtin("RuntimeError", exception)
    public static let recursionError = builtin("RecursionError", runtimeError)
    public static let notImplementedError = builtin("NotImplementedError", runtimeError)
    public static let typeError = builtin("TypeError", exception)
    public static let valueError = builtin("ValueError", exception)
    public static let unicodeError = builtin("UnicodeError", valueError)
    public static let stopIteration = builtin("StopIteration", exception)
    public static let stopAsyncIteration = builtin("StopAsyncIteration", exception)
    public static let importError = builtin("ImportError", exception)
    public static let moduleNotFoundError = builtin("ModuleNotFoundError", importError)
    public static let memoryError = builtin("MemoryError", exception)
    public static let osError = builtin("OSError", exception)
    public static let timeoutError = builtin("TimeoutError", osError)
    public static let syntaxError = builtin("SyntaxError", exception)
    public static let indentationError = builtin("IndentationError", syntaxError)
    public static let jsonDecodeError = TypeObject(name: "JSONDecodeError", base: valueError, isBuiltin: true, module: "json.decoder")
    public static let regexError = TypeObject(name: "error", base: exception, isBuiltin: true, module: "re")
    /// Raised into Python code when an at-most-once host call may or may not have happened.
    public static let interruptedCallError = builtin("InterruptedCallError", runtimeError)
    /// Raised when a configured limit (instructions, memory, time) is exceeded.
    public static let limitExceeded = builtin("ResourceLimitError", baseException)

    /// Every built-in type reachable by name (for snapshots and the builtins namespace).
    public static let all: [TypeObject] =
        [
            object, int, bool, float, str, list, tuple, dict, set, frozenset, noneType, function, builtinFunction,
            method, type, module, range, slice, coroutine, ellipsis, hostCall, listIterator, counter, defaultdict,
            orderedDict, deque, baseException, systemExit, keyboardInterrupt, exception, arithmeticError,
            zeroDivisionError, overflowError, assertionError, attributeError, lookupError, indexError, keyError,
            nameError, unboundLocalError, runtimeError, recursionError, notImplementedError, typeError, valueError,
            unicodeError, stopIteration, stopAsyncIteration, importError, moduleNotFoundError, memoryError, osError,
            timeoutError, syntaxError, indentationError, jsonDecodeError, regexError, interruptedCallError,
            limitExceeded,
        ] + DatetimeModule.types

    static let byQualifiedName: [String: TypeObject] = {
        var d: [String: TypeObject] = [:]
        for t in all { d[t.module + "." + t.name] = t }
        return d
    }()
}

extension Value {
    /// `type(x)`.
    public var typeObject: TypeObject {
        switch self {
        case .none: return Types.noneType
        case .bool: return Types.bool
        case .int, .bigInt: return Types.int
        case .float: return Types.float
        case .str: return Types.str
        case .tuple: return Types.tuple
        case .list(let l): return l.isDeque ? Types.deque : Types.list
        case .dict(let d): return d.flavor.type
        case .set(let s): return s.isFrozen ? Types.frozenset : Types.set
        case .function: return Types.function
        case .builtin: return Types.builtinFunction
        case .boundMethod: return Types.method
        case .type: return Types.type
        case .exception(let e): return e.type
        case .module: return Types.module
        case .iterator(let it): return it.typeObject
        case .coroutine: return Types.coroutine
        case .hostCall: return Types.hostCall
        case .range: return Types.range
        case .slice: return Types.slice
        case .instance(let o): return o.cls
        case .native(let n): return n.type
        case .ellipsis: return Types.ellipsis
        }
    }
}
