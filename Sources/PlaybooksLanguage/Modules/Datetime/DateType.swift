/// `datetime.date`: its methods and class methods.
extension DatetimeModule {
    static let dateMethods: [BuiltinFunction] = [
        method("date", "weekday") { _, args, kwargs throws(PyException) in
            let d = try receiver(args, DateObject.self, "date", "weekday")
            try noArguments(args, kwargs, "date", "weekday")
            return .int(d.weekday)
        },
        method("date", "isoweekday") { _, args, kwargs throws(PyException) in
            let d = try receiver(args, DateObject.self, "date", "isoweekday")
            try noArguments(args, kwargs, "date", "isoweekday")
            return .int(d.weekday + 1)
        },
        method("date", "isoformat") { _, args, kwargs throws(PyException) in
            let d = try receiver(args, DateObject.self, "date", "isoformat")
            try noArguments(args, kwargs, "date", "isoformat")
            return .str(d.isoDate)
        },
        method("date", "toordinal") { _, args, kwargs throws(PyException) in
            let d = try receiver(args, DateObject.self, "date", "toordinal")
            try noArguments(args, kwargs, "date", "toordinal")
            return .int(d.ordinal)
        },
        method("date", "isocalendar") { _, args, kwargs throws(PyException) in
            let d = try receiver(args, DateObject.self, "date", "isocalendar")
            try noArguments(args, kwargs, "date", "isocalendar")
            let (y, w, wd) = isoCalendar(ordinal: d.ordinal)
            return .native(IsoCalendarObject(y, w, wd))
        },
        method("date", "ctime") { _, args, kwargs throws(PyException) in
            let d = try receiver(args, DateObject.self, "date", "ctime")
            try noArguments(args, kwargs, "date", "ctime")
            return .str(strftime("%a %b %e %H:%M:%S %Y", d.fields))
        },
        method("date", "strftime") { _, args, kwargs throws(PyException) in
            let d = try receiver(args, DateObject.self, "date", "strftime")
            let a = try bind(args.dropFirst(), kwargs, ["format"], required: 1, fn: "strftime()", kwOwner: "strftime()")
            return .str(strftime(try strArg(a[0], "strftime", 1) ?? "", d.fields))
        },
        method("date", "__format__") { vm, args, _ throws(PyException) in
            let d = try receiver(args, DateObject.self, "date", "__format__")
            return try formatValue(d, vm, args, d.fields)
        },
        method("date", "replace") { vm, args, kwargs throws(PyException) in
            let d = try receiver(args, DateObject.self, "date", "replace")
            let a = try bind(args.dropFirst(), kwargs, ["year", "month", "day"], required: 0, fn: "replace()", kwOwner: "replace()")
            let y = try intArg(vm, a[0], d.year), m = try intArg(vm, a[1], d.month), dd = try intArg(vm, a[2], d.day)
            try checkDate(y, m, dd)
            return .native(DateObject(y, m, dd))
        },
        method("date", "timetuple") { _, _, _ throws(PyException) in
            throw PyException(Types.notImplementedError, "timetuple() is not supported (the time module is not available)")
        },
    ]

    static func dateClassFunctions(_ cls: String, make: @escaping @Sendable (Int, Int, Int) -> NativeObject) -> [BuiltinFunction] {
        [
            classMethod(cls, "fromisoformat") { vm, args, kwargs throws(PyException) in
                try ArgumentReader("fromisoformat", args, kwargs).expect(1, 1)
                guard case .str(let s) = args[args.startIndex] else { throw PyException.typeError("fromisoformat: argument must be str") }
                if cls == "datetime" { return .native(try datetimeFromIso(vm, s)) }
                let d = try dateFromIso(vm, s)
                return .native(make(d.year, d.month, d.day))
            },
            classMethod(cls, "fromordinal") { vm, args, kwargs throws(PyException) in
                try ArgumentReader("fromordinal", args, kwargs).expect(1, 1)
                let n = try intArg(vm, args[args.startIndex], 1)
                guard n >= 1 else { throw PyException.valueError("ordinal must be >= 1") }
                guard n <= maxOrdinal else { throw PyException.valueError("year \(fromOrdinal(n).0) is out of range") }
                let (y, m, d) = fromOrdinal(n)
                return .native(make(y, m, d))
            },
            classMethod(cls, "fromisocalendar") { vm, args, kwargs throws(PyException) in
                let a = try bind(args, kwargs, ["year", "week", "day"], required: 3, fn: "fromisocalendar()", kwOwner: "fromisocalendar()")
                let y = try intArg(vm, a[0], 1), w = try intArg(vm, a[1], 1), d = try intArg(vm, a[2], 1)
                guard y >= minYear && y <= maxYear else { throw PyException.valueError("Year is out of range: \(y)") }
                guard w >= 1 && (w <= 52 || (w == 53 && hasWeek53(y))) else { throw PyException.valueError("Invalid week: \(w)") }
                guard d >= 1 && d <= 7 else { throw PyException.valueError("Invalid weekday: \(d) (range is [1, 7])") }
                let (yy, mm, dd) = try dateFromOrdinal(isoWeekOneMonday(y) + (w - 1) * 7 + d - 1)
                return .native(make(yy, mm, dd))
            },
            classMethod(cls, "today") { _, _, _ throws(PyException) in throw noClock("\(cls).today()") },
            classMethod(cls, "fromtimestamp") { _, _, _ throws(PyException) in throw noClock("\(cls).fromtimestamp()") },
        ]
    }

    static let dateClassMethods: [BuiltinFunction] = dateClassFunctions("date") { y, m, d in DateObject(y, m, d) }
}

/// `datetime.date`.
class DateObject: DatetimeValue, @unchecked Sendable {
    let year: Int
    let month: Int
    let day: Int

    init(_ year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
        super.init()
    }

    var ordinal: Int { DatetimeModule.ordinal(year, month, day) }
    var weekday: Int { DatetimeModule.weekday(ordinal: ordinal) }
    var isoDate: String { "\(DatetimeModule.pad(year, 4))-\(DatetimeModule.pad(month, 2))-\(DatetimeModule.pad(day, 2))" }
    var fields: DatetimeModule.Fields { DatetimeModule.Fields(year: year, month: month, day: day) }

    func adding(days: Int) throws(PyException) -> DateObject {
        let (y, m, d) = try DatetimeModule.dateFromOrdinal(ordinal + days)
        return DateObject(y, m, d)
    }

    override var type: TypeObject { DatetimeModule.dateType }
    override var kindTag: String { "datetime.date" }
    override var encodedFields: [Value] { [.int(year), .int(month), .int(day)] }
    override var hashComponents: [Value]? { [.str("date"), .int(ordinal)] }

    override func repr(_ vm: VirtualMachine) throws(PyException) -> String { "datetime.date(\(year), \(month), \(day))" }
    override func str(_ vm: VirtualMachine) throws(PyException) -> String { isoDate }

    var attributeFields: [(String, Value)] { [("year", .int(year)), ("month", .int(month)), ("day", .int(day))] }

    override func attribute(_ name: String, _ vm: VirtualMachine) throws(PyException) -> Value? {
        try DatetimeModule.attribute(self, name, fields: attributeFields)
    }
}
