import BigInt

/// A Python value.
///
/// Immediate values (`None`, bools, machine ints, floats, strings) are stored inline, a tuple as
/// a reference to its immutable items (``TupleItems``, no identity of its own); everything with
/// identity (lists, dicts, functions, ...) is a reference to a heap object, so `b = a` of a list
/// stays one list. The snapshot encoder preserves that aliasing (and cycles)
/// by numbering objects as it meets them.
///
/// ```swift
/// let v: Value = .list(ListObject([.int(1), .str("two")]))
/// ```
public enum Value: @unchecked Sendable {
    case none
    case bool(Bool)
    case int(Int)
    case float(Double)
    case str(String)
    /// An integer outside `Int`'s range; always normalized (never fits in `Int`).
    case bigInt(BigIntBox)
    case tuple(TupleItems)
    case list(ListObject)
    case dict(DictObject)
    case set(SetObject)
    case function(FunctionObject)
    case builtin(BuiltinFunction)
    case boundMethod(BoundMethod)
    case type(TypeObject)
    case exception(ExceptionObject)
    case module(ModuleObject)
    case iterator(IteratorObject)
    case coroutine(CoroutineObject)
    case hostCall(HostCall)
    case range(RangeValue)
    case slice(SliceValue)
    case instance(InstanceObject)
    case native(NativeObject)
    /// `...`
    case ellipsis
}

extension Value {
    /// Whether the value holds no reference: copying or destroying it needs no reference
    /// counting, so the interpreter's stacks may overwrite or forget it without destroying it.
    @inline(__always)
    var holdsNoReference: Bool {
        switch self {
        case .none, .bool, .int, .float, .ellipsis: return true
        default: return false
        }
    }
}

/// Holds a big integer behind a reference so that ``Value`` stays small.
public final class BigIntBox: @unchecked Sendable {
    public let value: BigInt
    public init(_ value: BigInt) { self.value = value }
}

/// `range(start, stop, step)`. A reference, so that ``Value`` stays two words wide.
public final class RangeValue: Equatable, @unchecked Sendable {
    public let start: Int
    public let stop: Int
    public let step: Int

    public init(start: Int, stop: Int, step: Int) {
        self.start = start
        self.stop = stop
        self.step = step
    }

    /// The number of elements (at most `Int.max`); exact for every start, stop and step,
    /// including distances and steps beyond `Int` such as `range(9, -1, -2**63)`.
    public var count: Int {
        let distance: UInt
        if step > 0 {
            guard start < stop else { return 0 }
            distance = UInt(bitPattern: stop &- start)
        } else {
            guard start > stop else { return 0 }
            distance = UInt(bitPattern: start &- stop)
        }
        return Int(clamping: (distance - 1) / step.magnitude + 1)
    }

    public func element(_ i: Int) -> Int { start &+ i &* step }

    public static func == (a: RangeValue, b: RangeValue) -> Bool {
        a.start == b.start && a.stop == b.stop && a.step == b.step
    }
}

/// `slice(start, stop, step)`; each part is `None` or an int.
public final class SliceValue: @unchecked Sendable {
    public internal(set) var start: Value
    public internal(set) var stop: Value
    public internal(set) var step: Value
    public init(start: Value, stop: Value, step: Value) {
        self.start = start
        self.stop = stop
        self.step = step
    }
}

extension Value {
    /// Makes an int value, promoting to a big integer only when it does not fit in `Int`.
    @inlinable
    public static func integer(_ b: BigInt) -> Value {
        if let i = Int(exactly: b) { return .int(i) }
        return .bigInt(BigIntBox(b))
    }

    /// Convenience for building a list value.
    public static func makeList(_ items: [Value]) -> Value { .list(ListObject(items)) }

    /// Whether this is `None`.
    public var isNone: Bool {
        if case .none = self { return true }
        return false
    }

    /// The Python type name (`type(x).__name__`).
    public var typeName: String { typeObject.name }
}
