/// `datetime.time`: its methods and class methods.
extension DatetimeModule {
    static let timeMethods: [BuiltinFunction] = [
        method("time", "isoformat") { _, args, kwargs throws(PyException) in
            let t = try receiver(args, TimeObject.self, "time", "isoformat")
            let a = try bind(args.dropFirst(), kwargs, ["timespec"], required: 0, fn: "isoformat()", kwOwner: "isoformat()")
            return .str(try isoTime(t.hour, t.minute, t.second, t.microsecond, try strArg(a[0], "isoformat", 1) ?? "auto"))
        },
        method("time", "strftime") { _, args, kwargs throws(PyException) in
            let t = try receiver(args, TimeObject.self, "time", "strftime")
            let a = try bind(args.dropFirst(), kwargs, ["format"], required: 1, fn: "strftime()", kwOwner: "strftime()")
            return .str(strftime(try strArg(a[0], "strftime", 1) ?? "", t.fields))
        },
        method("time", "__format__") { vm, args, _ throws(PyException) in
            let t = try receiver(args, TimeObject.self, "time", "__format__")
            return try formatValue(t, vm, args, t.fields)
        },
        method("time", "replace") { vm, args, kwargs throws(PyException) in
            let t = try receiver(args, TimeObject.self, "time", "replace")
            let a = try bind(
                args.dropFirst(), kwargs, ["hour", "minute", "second", "microsecond", "tzinfo", "fold"],
                required: 0, fn: "replace()", kwOwner: "replace()", positionalMax: 5)
            let h = try intArg(vm, a[0], t.hour), mi = try intArg(vm, a[1], t.minute), s = try intArg(vm, a[2], t.second)
            let us = try intArg(vm, a[3], t.microsecond)
            try checkTime(h, mi, s, us)
            try checkNaive(a[4])
            try checkFold(vm, a[5])
            return .native(TimeObject(h, mi, s, us))
        },
    ]

    static let timeClassMethods: [BuiltinFunction] = [
        classMethod("time", "fromisoformat") { vm, args, kwargs throws(PyException) in
            try ArgumentReader("fromisoformat", args, kwargs).expect(1, 1)
            guard case .str(let s) = args[args.startIndex] else { throw PyException.typeError("fromisoformat: argument must be str") }
            return .native(try timeFromIso(vm, s))
        }
    ]
}

/// `datetime.time` (naive).
final class TimeObject: DatetimeValue, @unchecked Sendable {
    let hour: Int
    let minute: Int
    let second: Int
    let microsecond: Int

    init(_ hour: Int, _ minute: Int, _ second: Int, _ microsecond: Int) {
        self.hour = hour
        self.minute = minute
        self.second = second
        self.microsecond = microsecond
        super.init()
    }

    var microsecondOfDay: Int { ((hour * 60 + minute) * 60 + second) * 1_000_000 + microsecond }
    var fields: DatetimeModule.Fields {
        DatetimeModule.Fields(year: 1900, month: 1, day: 1, hour: hour, minute: minute, second: second, microsecond: microsecond)
    }

    override var type: TypeObject { DatetimeModule.timeType }
    override var kindTag: String { "datetime.time" }
    override var encodedFields: [Value] { [.int(hour), .int(minute), .int(second), .int(microsecond)] }
    override var hashComponents: [Value]? { [.str("time"), .int(microsecondOfDay)] }

    override func repr(_ vm: VirtualMachine) throws(PyException) -> String {
        var parts = "\(hour), \(minute)"
        if microsecond != 0 {
            parts += ", \(second), \(microsecond)"
        } else if second != 0 {
            parts += ", \(second)"
        }
        return "datetime.time(\(parts))"
    }

    override func str(_ vm: VirtualMachine) throws(PyException) -> String {
        (try? DatetimeModule.isoTime(hour, minute, second, microsecond, "auto")) ?? ""
    }

    override func attribute(_ name: String, _ vm: VirtualMachine) throws(PyException) -> Value? {
        try DatetimeModule.attribute(
            self, name,
            fields: [
                ("hour", .int(hour)), ("minute", .int(minute)), ("second", .int(second)), ("microsecond", .int(microsecond)),
                ("tzinfo", .none), ("fold", .int(0)),
            ])
    }
}
