/// Base class of objects implemented in Swift by a module (`datetime.date`, `re.Match`, ...).
///
/// Subclasses override what they support; the defaults say "not supported". They describe
/// themselves to the snapshot encoder with ``kindTag`` and ``encodedFields`` and are rebuilt
/// by ``NativeObjectRegistry``.
open class NativeObject: @unchecked Sendable {
    public init() {}
    open var type: TypeObject { Types.object }
    /// A stable tag naming the subclass in snapshots.
    open var kindTag: String { "object" }
    /// The object's state as values (the snapshot encoder writes them).
    open var encodedFields: [Value] { [] }

    /// Methods shared by every instance, called with the receiver as the first argument.
    /// Looking a method up here avoids building a bound closure per call.
    var methods: [String: BuiltinFunction]? { nil }

    func repr(_ vm: VirtualMachine) throws(PyException) -> String { "<\(type.name) object>" }
    func str(_ vm: VirtualMachine) throws(PyException) -> String { try repr(vm) }
    func attribute(_ name: String, _ vm: VirtualMachine) throws(PyException) -> Value? { nil }
    func binary(_ op: BinaryOp, _ other: Value, reflected: Bool, _ vm: VirtualMachine) throws(PyException) -> Value? { nil }
    func unary(_ op: UnaryOp, _ vm: VirtualMachine) throws(PyException) -> Value? { nil }
    func equals(_ other: Value, _ vm: VirtualMachine) throws(PyException) -> Bool {
        if case .native(let o) = other { return o === self }
        return false
    }
    /// -1, 0 or 1, or `nil` when the two cannot be ordered.
    func compare(_ other: Value, _ vm: VirtualMachine) throws(PyException) -> Int? { nil }
    var isTruthy: Bool { true }
    /// Whether integer subscripts index ``items(_:)``.
    var isSequence: Bool { false }
    /// Items for iteration, or `nil` when not iterable.
    func items(_ vm: VirtualMachine) throws(PyException) -> [Value]? { nil }
    /// A hash for use as a dict key; `nil` hashes by identity.
    var hashComponents: [Value]? { nil }
}

extension VirtualMachine {
    func nativeBinary(_ op: BinaryOp, _ n: NativeObject, _ other: Value, reflected: Bool) throws(PyException) -> Value? {
        try n.binary(op, other, reflected: reflected, self)
    }
    func nativeUnary(_ op: UnaryOp, _ n: NativeObject) throws(PyException) -> Value? { try n.unary(op, self) }
    func nativeEquals(_ n: NativeObject, _ other: Value) throws(PyException) -> Bool { try n.equals(other, self) }
    func nativeCompare(_ n: NativeObject, _ other: Value) throws(PyException) -> Int? { try n.compare(other, self) }
    func nativeTruthy(_ n: NativeObject) -> Bool { n.isTruthy }
}
