/// What `date`, `datetime`, `time` and `timedelta` share: comparisons and arithmetic go to the
/// module's functions, which dispatch on the concrete kinds.
class DatetimeValue: NativeObject, @unchecked Sendable {
    override func equals(_ other: Value, _ vm: VirtualMachine) throws(PyException) -> Bool { DatetimeModule.equals(self, other) }
    override func compare(_ other: Value, _ vm: VirtualMachine) throws(PyException) -> Int? { try DatetimeModule.compare(self, other) }
    override func binary(_ op: BinaryOp, _ other: Value, reflected: Bool, _ vm: VirtualMachine) throws(PyException) -> Value? {
        try DatetimeModule.binary(self, op, other, reflected: reflected, vm)
    }
    override func unary(_ op: UnaryOp, _ vm: VirtualMachine) throws(PyException) -> Value? { try DatetimeModule.unary(self, op) }
}
