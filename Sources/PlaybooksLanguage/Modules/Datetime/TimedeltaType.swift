import BigInt

/// `datetime.timedelta`: its methods.
extension DatetimeModule {
    static let timedeltaMethods: [BuiltinFunction] = [
        method("timedelta", "total_seconds") { _, args, kwargs throws(PyException) in
            let t = try receiver(args, TimedeltaObject.self, "timedelta", "total_seconds")
            try noArguments(args, kwargs, "timedelta", "total_seconds")
            return .float(try Arithmetic.trueDivide(t.total, BigInt(1_000_000)))
        },
        method("timedelta", "__abs__") { _, args, _ throws(PyException) in
            let t = try receiver(args, TimedeltaObject.self, "timedelta", "__abs__")
            return .native(t.days < 0 ? try TimedeltaObject.fromTotal(-t.total) : t)
        },
        method("timedelta", "__format__") { vm, args, _ throws(PyException) in
            let t = try receiver(args, TimedeltaObject.self, "timedelta", "__format__")
            guard args.count == 2, case .str(let spec) = args[args.startIndex + 1] else {
                throw PyException.typeError("__format__() argument must be str")
            }
            guard spec.isEmpty else { throw PyException.typeError("unsupported format string passed to datetime.timedelta.__format__") }
            return .str(try t.str(vm))
        },
    ]
}

/// `datetime.timedelta`: `days` (|days| <= 999999999), `0 <= seconds < 86400`, `0 <= microseconds < 10**6`.
final class TimedeltaObject: DatetimeValue, @unchecked Sendable {
    let days: Int
    let seconds: Int
    let microseconds: Int

    init(days: Int, seconds: Int, microseconds: Int) {
        self.days = days
        self.seconds = seconds
        self.microseconds = microseconds
        super.init()
    }

    /// Microseconds within the day part.
    var dayMicros: Int { seconds * 1_000_000 + microseconds }
    var total: BigInt { BigInt(days) * BigInt(DatetimeModule.usPerDay) + BigInt(dayMicros) }

    static func overflow(_ days: String) -> PyException {
        PyException.overflow("days=\(days); must have magnitude <= \(DatetimeModule.maxDeltaDays)")
    }

    /// Builds from whole days plus a microsecond count of any sign (small enough for `Int`).
    static func normalized(days: Int, micros: Int) throws(PyException) -> TimedeltaObject {
        let d = days + DatetimeModule.floorDiv(micros, DatetimeModule.usPerDay)
        let rest = DatetimeModule.floorMod(micros, DatetimeModule.usPerDay)
        guard d >= -DatetimeModule.maxDeltaDays, d <= DatetimeModule.maxDeltaDays else { throw overflow(String(d)) }
        return TimedeltaObject(days: d, seconds: rest / 1_000_000, microseconds: rest % 1_000_000)
    }

    static func fromTotal(_ total: BigInt) throws(PyException) -> TimedeltaObject {
        let perDay = BigInt(DatetimeModule.usPerDay)
        let d = DatetimeModule.bigFloorDiv(total, perDay)
        let rest = total - d * perDay
        guard d.magnitude <= BigUInt(DatetimeModule.maxDeltaDays), let days = Int(exactly: d), let r = Int(exactly: rest) else {
            throw overflow(String(d))
        }
        return TimedeltaObject(days: days, seconds: r / 1_000_000, microseconds: r % 1_000_000)
    }

    override var type: TypeObject { DatetimeModule.timedeltaType }
    override var kindTag: String { "datetime.timedelta" }
    override var encodedFields: [Value] { [.int(days), .int(seconds), .int(microseconds)] }
    override var hashComponents: [Value]? { [.str("timedelta"), .int(days), .int(seconds), .int(microseconds)] }
    override var isTruthy: Bool { days != 0 || seconds != 0 || microseconds != 0 }

    override func repr(_ vm: VirtualMachine) throws(PyException) -> String {
        var parts: [String] = []
        if days != 0 { parts.append("days=\(days)") }
        if seconds != 0 { parts.append("seconds=\(seconds)") }
        if microseconds != 0 { parts.append("microseconds=\(microseconds)") }
        return "datetime.timedelta(\(parts.isEmpty ? "0" : parts.joined(separator: ", ")))"
    }

    override func str(_ vm: VirtualMachine) throws(PyException) -> String {
        var s = ""
        if days != 0 { s = "\(days) day\(abs(days) == 1 ? "" : "s"), " }
        s += "\(seconds / 3600):\(DatetimeModule.pad(seconds / 60 % 60, 2)):\(DatetimeModule.pad(seconds % 60, 2))"
        if microseconds != 0 { s += "." + DatetimeModule.pad(microseconds, 6) }
        return s
    }

    override func attribute(_ name: String, _ vm: VirtualMachine) throws(PyException) -> Value? {
        try DatetimeModule.attribute(
            self, name,
            fields: [
                ("days", .int(days)), ("seconds", .int(seconds)), ("microseconds", .int(microseconds)),
            ])
    }
}
