/// `datetime.datetime`: its methods and class methods.
extension DatetimeModule {
    static let datetimeMethods: [BuiltinFunction] = [
        method("datetime", "isoformat") { _, args, kwargs throws(PyException) in
            let d = try receiver(args, DateTimeObject.self, "datetime", "isoformat")
            let a = try bind(args.dropFirst(), kwargs, ["sep", "timespec"], required: 0, fn: "isoformat()", kwOwner: "isoformat()")
            var sep = "T"
            if let v = a[0] {
                guard case .str(let s) = v, s.unicodeScalars.count == 1 else {
                    throw PyException.typeError("isoformat() argument 1 must be a unicode character, not \(v.typeName)")
                }
                sep = s
            }
            let spec = try strArg(a[1], "isoformat", 2) ?? "auto"
            return .str(d.isoDate + sep + (try isoTime(d.hour, d.minute, d.second, d.microsecond, spec)))
        },
        method("datetime", "strftime") { _, args, kwargs throws(PyException) in
            let d = try receiver(args, DateTimeObject.self, "datetime", "strftime")
            let a = try bind(args.dropFirst(), kwargs, ["format"], required: 1, fn: "strftime()", kwOwner: "strftime()")
            return .str(strftime(try strArg(a[0], "strftime", 1) ?? "", d.fields))
        },
        method("datetime", "__format__") { vm, args, _ throws(PyException) in
            let d = try receiver(args, DateTimeObject.self, "datetime", "__format__")
            return try formatValue(d, vm, args, d.fields)
        },
        method("datetime", "date") { _, args, kwargs throws(PyException) in
            let d = try receiver(args, DateTimeObject.self, "datetime", "date")
            try noArguments(args, kwargs, "datetime", "date")
            return .native(DateObject(d.year, d.month, d.day))
        },
        method("datetime", "time") { _, args, kwargs throws(PyException) in
            let d = try receiver(args, DateTimeObject.self, "datetime", "time")
            try noArguments(args, kwargs, "datetime", "time")
            return .native(TimeObject(d.hour, d.minute, d.second, d.microsecond))
        },
        method("datetime", "replace") { vm, args, kwargs throws(PyException) in
            let d = try receiver(args, DateTimeObject.self, "datetime", "replace")
            let a = try bind(
                args.dropFirst(), kwargs, ["year", "month", "day", "hour", "minute", "second", "microsecond", "tzinfo", "fold"],
                required: 0, fn: "replace()", kwOwner: "replace()", positionalMax: 8)
            let y = try intArg(vm, a[0], d.year), m = try intArg(vm, a[1], d.month), dd = try intArg(vm, a[2], d.day)
            let h = try intArg(vm, a[3], d.hour), mi = try intArg(vm, a[4], d.minute), s = try intArg(vm, a[5], d.second)
            let us = try intArg(vm, a[6], d.microsecond)
            try checkDate(y, m, dd)
            try checkTime(h, mi, s, us)
            try checkNaive(a[7])
            try checkFold(vm, a[8])
            return .native(DateTimeObject(y, m, dd, h, mi, s, us))
        },
        method("datetime", "ctime") { _, args, kwargs throws(PyException) in
            let d = try receiver(args, DateTimeObject.self, "datetime", "ctime")
            try noArguments(args, kwargs, "datetime", "ctime")
            return .str(strftime("%a %b %e %H:%M:%S %Y", d.fields))
        },
        method("datetime", "timestamp") { _, _, _ throws(PyException) in
            throw PyException(Types.notImplementedError, "datetime.timestamp() is not available: naive datetimes have no time zone here")
        },
    ]

    static let datetimeClassMethods: [BuiltinFunction] =
        dateClassFunctions("datetime") { y, m, d in DateTimeObject(y, m, d, 0, 0, 0, 0) } + [
            classMethod("datetime", "now") { _, _, _ throws(PyException) in throw noClock("datetime.now()") },
            classMethod("datetime", "utcnow") { _, _, _ throws(PyException) in throw noClock("datetime.utcnow()") },
            classMethod("datetime", "utcfromtimestamp") { _, _, _ throws(PyException) in throw noClock("datetime.utcfromtimestamp()") },
            classMethod("datetime", "strptime") { vm, args, kwargs throws(PyException) in
                try ArgumentReader("strptime", args, kwargs).expect(2, 2)
                let s = try strArg(args[args.startIndex], "strptime", 1) ?? ""
                let f = try strArg(args[args.startIndex + 1], "strptime", 2) ?? ""
                return .native(try strptime(vm, s, f))
            },
            classMethod("datetime", "combine") { _, args, kwargs throws(PyException) in
                let a = try bind(args, kwargs, ["date", "time", "tzinfo"], required: 2, fn: "combine()", kwOwner: "combine()")
                guard let dv = a[0], case .native(let dn) = dv, let d = dn as? DateObject else {
                    throw PyException.typeError("combine() argument 1 must be datetime.date, not \(qualifiedName(a[0] ?? .none))")
                }
                guard let tv = a[1], case .native(let tn) = tv, let t = tn as? TimeObject else {
                    throw PyException.typeError("combine() argument 2 must be datetime.time, not \(qualifiedName(a[1] ?? .none))")
                }
                try checkNaive(a[2])
                return .native(DateTimeObject(d.year, d.month, d.day, t.hour, t.minute, t.second, t.microsecond))
            },
        ]
}

/// `datetime.datetime` (naive).
final class DateTimeObject: DateObject, @unchecked Sendable {
    let hour: Int
    let minute: Int
    let second: Int
    let microsecond: Int

    init(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int, _ microsecond: Int) {
        self.hour = hour
        self.minute = minute
        self.second = second
        self.microsecond = microsecond
        super.init(year, month, day)
    }

    var microsecondOfDay: Int { ((hour * 60 + minute) * 60 + second) * 1_000_000 + microsecond }
    override var fields: DatetimeModule.Fields {
        DatetimeModule.Fields(year: year, month: month, day: day, hour: hour, minute: minute, second: second, microsecond: microsecond)
    }

    func adding(_ t: TimedeltaObject, sign: Int) throws(PyException) -> DateTimeObject {
        let micros = microsecondOfDay + sign * t.dayMicros
        let days = ordinal + sign * t.days + DatetimeModule.floorDiv(micros, DatetimeModule.usPerDay)
        let (y, m, d) = try DatetimeModule.dateFromOrdinal(days)
        var rest = DatetimeModule.floorMod(micros, DatetimeModule.usPerDay)
        let us = rest % 1_000_000
        rest /= 1_000_000
        return DateTimeObject(y, m, d, rest / 3600, rest / 60 % 60, rest % 60, us)
    }

    override var type: TypeObject { DatetimeModule.datetimeType }
    override var kindTag: String { "datetime.datetime" }
    override var encodedFields: [Value] {
        [.int(year), .int(month), .int(day), .int(hour), .int(minute), .int(second), .int(microsecond)]
    }
    override var hashComponents: [Value]? { [.str("datetime"), .int(ordinal), .int(microsecondOfDay)] }

    override func repr(_ vm: VirtualMachine) throws(PyException) -> String {
        var parts = "\(year), \(month), \(day), \(hour), \(minute)"
        if microsecond != 0 {
            parts += ", \(second), \(microsecond)"
        } else if second != 0 {
            parts += ", \(second)"
        }
        return "datetime.datetime(\(parts))"
    }

    override func str(_ vm: VirtualMachine) throws(PyException) -> String {
        isoDate + " " + ((try? DatetimeModule.isoTime(hour, minute, second, microsecond, "auto")) ?? "")
    }

    override var attributeFields: [(String, Value)] {
        super.attributeFields + [
            ("hour", .int(hour)), ("minute", .int(minute)), ("second", .int(second)), ("microsecond", .int(microsecond)),
            ("tzinfo", .none), ("fold", .int(0)),
        ]
    }
}
