import BigInt

/// The `datetime` module: naive `date`, `datetime`, `time` and `timedelta` (no time zones).
///
/// The sandbox has no clock, so `date.today()`, `datetime.now()` and friends raise
/// `NotImplementedError`. Objects are immutable ``NativeObject``s whose state is a few ints,
/// which is also what they write into snapshots.
enum DatetimeModule {
    static let minYear = 1
    static let maxYear = 9999
    static let maxOrdinal = 3_652_059
    static let usPerDay = 86_400_000_000
    static let maxDeltaDays = 999_999_999

    // MARK: - Types

    static let dateType = TypeObject(
        name: "date", base: Types.object,
        attributes: classAttributes(
            dateMethods, dateClassMethods,
            [
                ("min", .native(DateObject(1, 1, 1))),
                ("max", .native(DateObject(9999, 12, 31))),
                ("resolution", .native(TimedeltaObject(days: 1, seconds: 0, microseconds: 0))),
            ]),
        isBuiltin: true, module: "datetime")

    static let datetimeType = TypeObject(
        name: "datetime", base: dateType,
        attributes: classAttributes(
            datetimeMethods, datetimeClassMethods,
            [
                ("min", .native(DateTimeObject(1, 1, 1, 0, 0, 0, 0))),
                ("max", .native(DateTimeObject(9999, 12, 31, 23, 59, 59, 999_999))),
                ("resolution", .native(TimedeltaObject(days: 0, seconds: 0, microseconds: 1))),
            ]),
        isBuiltin: true, module: "datetime")

    static let timeType = TypeObject(
        name: "time", base: Types.object,
        attributes: classAttributes(
            timeMethods, timeClassMethods,
            [
                ("min", .native(TimeObject(0, 0, 0, 0))),
                ("max", .native(TimeObject(23, 59, 59, 999_999))),
                ("resolution", .native(TimedeltaObject(days: 0, seconds: 0, microseconds: 1))),
            ]),
        isBuiltin: true, module: "datetime")

    static let timedeltaType = TypeObject(
        name: "timedelta", base: Types.object,
        attributes: classAttributes(
            timedeltaMethods, [],
            [
                ("min", .native(TimedeltaObject(days: -maxDeltaDays, seconds: 0, microseconds: 0))),
                ("max", .native(TimedeltaObject(days: maxDeltaDays, seconds: 86399, microseconds: 999_999))),
                ("resolution", .native(TimedeltaObject(days: 0, seconds: 0, microseconds: 1))),
            ]),
        isBuiltin: true, module: "datetime")

    static let isoCalendarType = TypeObject(
        name: "IsoCalendarDate", base: Types.object, attributes: DictObject(), isBuiltin: true, module: "datetime")

    /// Every type this module defines (registered in `Types.all` for snapshots).
    static var types: [TypeObject] { [dateType, datetimeType, timeType, timedeltaType, isoCalendarType] }

    static func classAttributes(
        _ methods: [BuiltinFunction], _ classMethods: [BuiltinFunction], _ constants: [(String, Value)]
    ) -> DictObject {
        let d = DictObject()
        for f in methods { d.set(f.name, .builtin(f)) }
        for f in classMethods { d.set(f.name, .builtin(f)) }
        for (k, v) in constants { d.set(k, v) }
        return d
    }

    /// Every Swift function of the module, so snapshots can name them by key.
    static let functions: [BuiltinFunction] =
        dateMethods + dateClassMethods + datetimeMethods + datetimeClassMethods + timeMethods + timeClassMethods
        + timedeltaMethods

    /// Keys of functions that bind to an instance when read from one.
    static let instanceMethodKeys: Set<String> = Set((dateMethods + datetimeMethods + timeMethods + timedeltaMethods).map { $0.key })

    static func make() -> ModuleObject {
        StandardModules.module(
            "datetime", [],
            constants: [
                ("date", .type(dateType)),
                ("datetime", .type(datetimeType)),
                ("time", .type(timeType)),
                ("timedelta", .type(timedeltaType)),
                ("MINYEAR", .int(minYear)),
                ("MAXYEAR", .int(maxYear)),
            ])
    }

    // MARK: - Snapshot decoders

    static func intField(_ f: [Value], _ i: Int) throws(SnapshotError) -> Int {
        guard case .int(let v) = try NativeObjectRegistry.field(f, i) else {
            throw SnapshotDecoder.damaged("a datetime object has a non-integer field")
        }
        return v
    }

    static let decoders: [String: NativeObjectRegistry.Decoder] = [
        "datetime.date": { f throws(SnapshotError) in
            let y = try intField(f, 0), m = try intField(f, 1), d = try intField(f, 2)
            guard validDate(y, m, d) else { throw SnapshotDecoder.damaged("bad date") }
            return DateObject(y, m, d)
        },
        "datetime.datetime": { f throws(SnapshotError) in
            let y = try intField(f, 0), m = try intField(f, 1), d = try intField(f, 2)
            let h = try intField(f, 3), mi = try intField(f, 4), s = try intField(f, 5), us = try intField(f, 6)
            guard validDate(y, m, d), validTime(h, mi, s, us) else { throw SnapshotDecoder.damaged("bad datetime") }
            return DateTimeObject(y, m, d, h, mi, s, us)
        },
        "datetime.time": { f throws(SnapshotError) in
            let h = try intField(f, 0), mi = try intField(f, 1), s = try intField(f, 2), us = try intField(f, 3)
            guard validTime(h, mi, s, us) else { throw SnapshotDecoder.damaged("bad time") }
            return TimeObject(h, mi, s, us)
        },
        "datetime.timedelta": { f throws(SnapshotError) in
            let d = try intField(f, 0), s = try intField(f, 1), us = try intField(f, 2)
            guard d >= -maxDeltaDays, d <= maxDeltaDays, s >= 0, s < 86400, us >= 0, us < 1_000_000 else {
                throw SnapshotDecoder.damaged("bad timedelta")
            }
            return TimedeltaObject(days: d, seconds: s, microseconds: us)
        },
        "datetime.IsoCalendarDate": { f throws(SnapshotError) in
            IsoCalendarObject(try intField(f, 0), try intField(f, 1), try intField(f, 2))
        },
    ]

    // MARK: - Calendar arithmetic (proleptic Gregorian, ordinal 1 = 0001-01-01)

    static func isLeap(_ y: Int) -> Bool { y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) }

    static let monthLengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    static let daysBeforeMonthTable = [0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]

    static func daysInMonth(_ y: Int, _ m: Int) -> Int {
        guard m >= 1 && m <= 12 else { return 0 }
        return m == 2 && isLeap(y) ? 29 : monthLengths[m - 1]
    }

    static func daysBeforeYear(_ y: Int) -> Int {
        let p = y - 1
        return p * 365 + floorDiv(p, 4) - floorDiv(p, 100) + floorDiv(p, 400)
    }

    static func daysBeforeMonth(_ y: Int, _ m: Int) -> Int {
        guard m >= 1 && m <= 12 else { return 0 }
        return daysBeforeMonthTable[m] + (m > 2 && isLeap(y) ? 1 : 0)
    }

    static func ordinal(_ y: Int, _ m: Int, _ d: Int) -> Int { daysBeforeYear(y) + daysBeforeMonth(y, m) + d }

    /// The (year, month, day) of an ordinal in `1...maxOrdinal`.
    static func fromOrdinal(_ n: Int) -> (Int, Int, Int) {
        var y = n * 400 / 146_097 + 1
        while y > 1 && daysBeforeYear(y) >= n { y -= 1 }
        while daysBeforeYear(y + 1) < n { y += 1 }
        let dayOfYear = n - daysBeforeYear(y)
        var m = 1
        while m < 12 && daysBeforeMonth(y, m + 1) < dayOfYear { m += 1 }
        return (y, m, dayOfYear - daysBeforeMonth(y, m))
    }

    /// Monday = 0.
    static func weekday(ordinal: Int) -> Int { (ordinal + 6) % 7 }

    /// Ordinal of the Monday starting ISO week 1 of `y`.
    static func isoWeekOneMonday(_ y: Int) -> Int {
        let first = ordinal(y, 1, 1)
        let wd = weekday(ordinal: first)
        var monday = first - wd
        if wd > 3 { monday += 7 }
        return monday
    }

    static func isoCalendar(ordinal n: Int) -> (Int, Int, Int) {
        var (y, _, _) = fromOrdinal(n)
        var start = isoWeekOneMonday(y)
        if n < start {
            y -= 1
            start = isoWeekOneMonday(y)
        } else {
            let next = isoWeekOneMonday(y + 1)
            if n >= next {
                y += 1
                start = next
            }
        }
        return (y, (n - start) / 7 + 1, (n - start) % 7 + 1)
    }

    static func hasWeek53(_ y: Int) -> Bool {
        let wd = weekday(ordinal: ordinal(y, 1, 1))
        return wd == 3 || (wd == 2 && isLeap(y))
    }

    static func floorDiv(_ a: Int, _ b: Int) -> Int {
        let q = a / b
        return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q
    }

    static func floorMod(_ a: Int, _ b: Int) -> Int { a - floorDiv(a, b) * b }

    static func validDate(_ y: Int, _ m: Int, _ d: Int) -> Bool {
        y >= minYear && y <= maxYear && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m)
    }

    static func validTime(_ h: Int, _ m: Int, _ s: Int, _ us: Int) -> Bool {
        h >= 0 && h < 24 && m >= 0 && m < 60 && s >= 0 && s < 60 && us >= 0 && us < 1_000_000
    }

    static func checkDate(_ y: Int, _ m: Int, _ d: Int) throws(PyException) {
        guard y >= minYear && y <= maxYear else { throw PyException.valueError("year \(y) is out of range") }
        guard m >= 1 && m <= 12 else { throw PyException.valueError("month must be in 1..12") }
        guard d >= 1 && d <= daysInMonth(y, m) else { throw PyException.valueError("day is out of range for month") }
    }

    static func checkTime(_ h: Int, _ m: Int, _ s: Int, _ us: Int) throws(PyException) {
        guard h >= 0 && h <= 23 else { throw PyException.valueError("hour must be in 0..23") }
        guard m >= 0 && m <= 59 else { throw PyException.valueError("minute must be in 0..59") }
        guard s >= 0 && s <= 59 else { throw PyException.valueError("second must be in 0..59") }
        guard us >= 0 && us <= 999_999 else { throw PyException.valueError("microsecond must be in 0..999999") }
    }

    static func dateFromOrdinal(_ n: Int) throws(PyException) -> (Int, Int, Int) {
        guard n >= 1 && n <= maxOrdinal else { throw PyException.overflow("date value out of range") }
        return fromOrdinal(n)
    }

    // MARK: - Small helpers

    static func pad(_ n: Int, _ width: Int, _ fill: Character = "0") -> String {
        let digits = String(n.magnitude)
        let sign = n < 0 ? "-" : ""
        let missing = width - digits.count - sign.count
        return missing > 0 ? sign + String(repeating: fill, count: missing) + digits : sign + digits
    }

    static func qualifiedName(_ v: Value) -> String {
        if case .native(let n) = v, n.type.module == "datetime" { return "datetime." + n.type.name }
        return v.typeName
    }

    static func unsupported(_ op: BinaryOp, _ l: Value, _ r: Value) -> PyException {
        PyException.typeError("unsupported operand type(s) for \(op.symbol): '\(qualifiedName(l))' and '\(qualifiedName(r))'")
    }

    static func noClock(_ what: String) -> PyException {
        PyException(Types.notImplementedError, "\(what) is not available: time is a host effect")
    }

    /// Binds positional and keyword arguments to `names` with CPython's messages.
    static func bind(
        _ args: ArraySlice<Value>, _ kwargs: [(String, Value)], _ names: [String], required: Int,
        fn: String, kwOwner: String, positionalMax: Int? = nil
    ) throws(PyException) -> [Value?] {
        if let positionalMax {
            if args.count > positionalMax {
                throw PyException.typeError("\(fn) takes at most \(positionalMax) positional arguments (\(args.count) given)")
            }
        } else if args.count + kwargs.count > names.count {
            throw PyException.typeError("\(fn) takes at most \(names.count) arguments (\(args.count + kwargs.count) given)")
        }
        var out = [Value?](repeating: nil, count: names.count)
        for (i, a) in args.enumerated() where i < names.count { out[i] = a }
        for (k, v) in kwargs {
            guard let i = names.firstIndex(of: k) else {
                throw PyException.typeError("'\(k)' is an invalid keyword argument for \(kwOwner)")
            }
            if out[i] != nil {
                throw PyException.typeError("argument for \(fn) given by name ('\(k)') and position (\(i + 1))")
            }
            out[i] = v
        }
        for i in 0..<min(required, names.count) where out[i] == nil {
            throw PyException.typeError("\(fn) missing required argument '\(names[i])' (pos \(i + 1))")
        }
        return out
    }

    /// An int argument in C `int` range, as CPython's `datetime` reads them.
    static func intArg(_ vm: VirtualMachine, _ v: Value?, _ fallback: Int) throws(PyException) -> Int {
        guard let v else { return fallback }
        if case .bigInt = v { throw PyException.overflow("Python int too large to convert to C long") }
        let i = try vm.integerArgument(v)
        if i > Int(Int32.max) { throw PyException.overflow("signed integer is greater than maximum") }
        if i < Int(Int32.min) { throw PyException.overflow("signed integer is less than minimum") }
        return i
    }

    static func strArg(_ v: Value?, _ fn: String, _ position: Int) throws(PyException) -> String? {
        guard let v else { return nil }
        guard case .str(let s) = v else {
            throw PyException.typeError("\(fn)() argument \(position) must be str, not \(v.typeName)")
        }
        return s
    }

    static func checkNaive(_ tz: Value?) throws(PyException) {
        // No tzinfo classes exist here (naive datetimes only), so anything but None is the wrong type.
        if let tz, !tz.isNone {
            throw PyException.typeError("tzinfo argument must be None or of a tzinfo subclass, not type '\(tz.typeName)'")
        }
    }

    static func checkFold(_ vm: VirtualMachine, _ v: Value?) throws(PyException) {
        let fold = try intArg(vm, v, 0)
        guard fold == 0 || fold == 1 else { throw PyException.valueError("fold must be either 0 or 1") }
    }

    /// The receiver of a method call (first positional argument).
    static func receiver<T: NativeObject>(_ args: ArraySlice<Value>, _: T.Type, _ cls: String, _ name: String) throws(PyException) -> T {
        guard let first = args.first else {
            throw PyException.typeError("descriptor '\(name)' of 'datetime.\(cls)' object needs an argument")
        }
        guard case .native(let n) = first, let r = n as? T else {
            throw PyException.typeError(
                "descriptor '\(name)' for 'datetime.\(cls)' objects doesn't apply to a '\(qualifiedName(first))' object")
        }
        return r
    }

    static func noArguments(_ args: ArraySlice<Value>, _ kwargs: [(String, Value)], _ cls: String, _ name: String) throws(PyException) {
        if !kwargs.isEmpty { throw PyException.typeError("\(cls).\(name)() takes no keyword arguments") }
        if args.count > 1 { throw PyException.typeError("\(cls).\(name)() takes no arguments (\(args.count - 1) given)") }
    }

    static func method(_ cls: String, _ name: String, _ body: @escaping NativeFunction) -> BuiltinFunction {
        BuiltinFunction(key: "datetime.\(cls).\(name)", name: name, body)
    }

    static func classMethod(_ cls: String, _ name: String, _ body: @escaping NativeFunction) -> BuiltinFunction {
        BuiltinFunction(key: "datetime.\(cls).class.\(name)", name: name, body)
    }

    // MARK: - Construction

    static func construct(
        _ vm: VirtualMachine, _ t: TypeObject, _ args: ArraySlice<Value>, _ kwargs: [(String, Value)]
    ) throws(PyException) -> Value {
        if t === dateType {
            let a = try bind(args, kwargs, ["year", "month", "day"], required: 3, fn: "function", kwOwner: "this function")
            let y = try intArg(vm, a[0], 1), m = try intArg(vm, a[1], 1), d = try intArg(vm, a[2], 1)
            try checkDate(y, m, d)
            return .native(DateObject(y, m, d))
        }
        if t === datetimeType {
            let a = try bind(
                args, kwargs, ["year", "month", "day", "hour", "minute", "second", "microsecond", "tzinfo", "fold"],
                required: 3, fn: "function", kwOwner: "this function", positionalMax: 8)
            let y = try intArg(vm, a[0], 1), m = try intArg(vm, a[1], 1), d = try intArg(vm, a[2], 1)
            let h = try intArg(vm, a[3], 0), mi = try intArg(vm, a[4], 0), s = try intArg(vm, a[5], 0)
            let us = try intArg(vm, a[6], 0)
            try checkDate(y, m, d)
            try checkTime(h, mi, s, us)
            try checkNaive(a[7])
            try checkFold(vm, a[8])
            return .native(DateTimeObject(y, m, d, h, mi, s, us))
        }
        if t === timeType {
            let a = try bind(
                args, kwargs, ["hour", "minute", "second", "microsecond", "tzinfo", "fold"],
                required: 0, fn: "function", kwOwner: "this function", positionalMax: 5)
            let h = try intArg(vm, a[0], 0), mi = try intArg(vm, a[1], 0), s = try intArg(vm, a[2], 0)
            let us = try intArg(vm, a[3], 0)
            try checkTime(h, mi, s, us)
            try checkNaive(a[4])
            try checkFold(vm, a[5])
            return .native(TimeObject(h, mi, s, us))
        }
        if t === timedeltaType {
            return .native(try makeTimedelta(args, kwargs))
        }
        if t === isoCalendarType {
            let a = try bind(args, kwargs, ["year", "week", "weekday"], required: 3, fn: "IsoCalendarDate()", kwOwner: "IsoCalendarDate()")
            return .native(IsoCalendarObject(try intArg(vm, a[0], 0), try intArg(vm, a[1], 0), try intArg(vm, a[2], 0)))
        }
        throw PyException.typeError("cannot create '\(t.module).\(t.name)' instances")
    }

    static let timedeltaFactors: [(String, Int)] = [
        ("days", 86_400_000_000), ("seconds", 1_000_000), ("microseconds", 1), ("milliseconds", 1000),
        ("minutes", 60_000_000), ("hours", 3_600_000_000), ("weeks", 604_800_000_000),
    ]

    static func makeTimedelta(_ args: ArraySlice<Value>, _ kwargs: [(String, Value)]) throws(PyException) -> TimedeltaObject {
        let a = try bind(args, kwargs, timedeltaFactors.map { $0.0 }, required: 0, fn: "__new__()", kwOwner: "__new__()")
        var whole = BigInt(0)
        var fraction = 0.0
        for (i, (name, factor)) in timedeltaFactors.enumerated() {
            guard let v = a[i] else { continue }
            if let b = Arithmetic.big(v) {
                whole += b * BigInt(factor)
            } else if case .float(let d) = v {
                if d.isNaN { throw PyException.valueError("cannot convert float NaN to integer") }
                if d.isInfinite { throw PyException.overflow("cannot convert float infinity to integer") }
                let x = d * Double(factor)
                if x.isInfinite { throw PyException.overflow("cannot convert float infinity to integer") }
                let t = x.rounded(.towardZero)
                whole += BigInt(t)
                fraction += x - t
            } else {
                throw PyException.typeError("unsupported type for timedelta \(name) component: \(v.typeName)")
            }
        }
        let f = fraction.rounded(.towardZero)
        whole += BigInt(f)
        let rest = fraction - f
        let odd = !whole.isMultiple(of: 2)
        if rest > 0.5 || (rest == 0.5 && odd) {
            whole += 1
        } else if rest < -0.5 || (rest == -0.5 && odd) {
            whole -= 1
        }
        return try TimedeltaObject.fromTotal(whole)
    }

    // MARK: - Kinds, comparison, hashing

    enum Kind {
        case date(DateObject)
        case datetime(DateTimeObject)
        case time(TimeObject)
        case delta(TimedeltaObject)
    }

    static func kind(_ v: Value) -> Kind? {
        guard case .native(let n) = v else { return nil }
        if let x = n as? DateTimeObject { return .datetime(x) }
        if let x = n as? DateObject { return .date(x) }
        if let x = n as? TimeObject { return .time(x) }
        if let x = n as? TimedeltaObject { return .delta(x) }
        return nil
    }

    /// A tag per kind and the fields that order values of that kind.
    static func orderKey(_ k: Kind) -> (Int, [Int]) {
        switch k {
        case .date(let d): return (0, [d.ordinal])
        case .datetime(let d): return (1, [d.ordinal, d.microsecondOfDay])
        case .time(let t): return (2, [t.microsecondOfDay])
        case .delta(let t): return (3, [t.days, t.seconds, t.microseconds])
        }
    }

    static func equals(_ a: NativeObject, _ other: Value) -> Bool {
        guard let x = kind(.native(a)), let y = kind(other) else { return false }
        let (tx, kx) = orderKey(x)
        let (ty, ky) = orderKey(y)
        return tx == ty && kx == ky
    }

    static func compare(_ a: NativeObject, _ other: Value) throws(PyException) -> Int? {
        guard let x = kind(.native(a)), let y = kind(other) else { return nil }
        let (tx, kx) = orderKey(x)
        let (ty, ky) = orderKey(y)
        if tx != ty {
            if Set([tx, ty]) == Set([0, 1]) {
                throw PyException.typeError("can't compare datetime.datetime to datetime.date")
            }
            return nil
        }
        for (p, q) in zip(kx, ky) where p != q { return p < q ? -1 : 1 }
        return 0
    }

    // MARK: - Arithmetic

    static func binary(
        _ me: NativeObject, _ op: BinaryOp, _ other: Value, reflected: Bool, _ vm: VirtualMachine
    ) throws(PyException) -> Value? {
        let l: Value = reflected ? other : .native(me)
        let r: Value = reflected ? .native(me) : other
        if let v = try arithmetic(op, l, r) { return v }
        if reflected { throw unsupported(op, l, r) }
        switch other {
        case .native, .instance: return nil
        default: throw unsupported(op, l, r)
        }
    }

    static func arithmetic(_ op: BinaryOp, _ l: Value, _ r: Value) throws(PyException) -> Value? {
        let lk = kind(l), rk = kind(r)
        switch (lk, rk) {
        case (.date(let d)?, .delta(let t)?):
            if op == .add { return .native(try d.adding(days: t.days)) }
            if op == .sub { return .native(try d.adding(days: -t.days)) }
        case (.delta(let t)?, .date(let d)?):
            if op == .add { return .native(try d.adding(days: t.days)) }
        case (.date(let a)?, .date(let b)?):
            if op == .sub { return .native(try TimedeltaObject.normalized(days: a.ordinal - b.ordinal, micros: 0)) }
        case (.datetime(let d)?, .delta(let t)?):
            if op == .add { return .native(try d.adding(t, sign: 1)) }
            if op == .sub { return .native(try d.adding(t, sign: -1)) }
        case (.delta(let t)?, .datetime(let d)?):
            if op == .add { return .native(try d.adding(t, sign: 1)) }
        case (.datetime(let a)?, .datetime(let b)?):
            if op == .sub {
                return .native(try TimedeltaObject.normalized(days: a.ordinal - b.ordinal, micros: a.microsecondOfDay - b.microsecondOfDay))
            }
        case (.delta(let a)?, .delta(let b)?):
            return try deltaWithDelta(op, a, b)
        case (.delta(let a)?, nil):
            return try deltaWithNumber(op, a, r, numberOnLeft: false)
        case (nil, .delta(let b)?):
            if op == .mul { return try deltaWithNumber(op, b, l, numberOnLeft: true) }
        default:
            break
        }
        return nil
    }

    static func deltaWithDelta(_ op: BinaryOp, _ a: TimedeltaObject, _ b: TimedeltaObject) throws(PyException) -> Value? {
        switch op {
        case .add: return .native(try TimedeltaObject.normalized(days: a.days + b.days, micros: a.dayMicros + b.dayMicros))
        case .sub: return .native(try TimedeltaObject.normalized(days: a.days - b.days, micros: a.dayMicros - b.dayMicros))
        case .truediv:
            let d = b.total
            if d == 0 { throw PyException.zeroDivision("division by zero") }
            return .float(try Arithmetic.trueDivide(a.total, d))
        case .floordiv:
            let d = b.total
            if d == 0 { throw PyException.zeroDivision("integer division or modulo by zero") }
            return .integer(bigFloorDiv(a.total, d))
        case .mod:
            let d = b.total
            if d == 0 { throw PyException.zeroDivision("integer modulo by zero") }
            let q = bigFloorDiv(a.total, d)
            return .native(try TimedeltaObject.fromTotal(a.total - q * d))
        default: return nil
        }
    }

    static func deltaWithNumber(_ op: BinaryOp, _ t: TimedeltaObject, _ n: Value, numberOnLeft: Bool) throws(PyException) -> Value? {
        if let k = Arithmetic.big(n) {
            switch op {
            case .mul: return .native(try TimedeltaObject.fromTotal(t.total * k))
            case .truediv where !numberOnLeft:
                if k == 0 { throw PyException.zeroDivision("integer division or modulo by zero") }
                return .native(try TimedeltaObject.fromTotal(roundHalfEven(t.total, k)))
            case .floordiv where !numberOnLeft:
                if k == 0 { throw PyException.zeroDivision("integer division or modulo by zero") }
                return .native(try TimedeltaObject.fromTotal(bigFloorDiv(t.total, k)))
            default: return nil
            }
        }
        if case .float(let x) = n {
            switch op {
            case .mul:
                let (num, den) = try ratio(x)
                return .native(try TimedeltaObject.fromTotal(roundHalfEven(t.total * num, den)))
            case .truediv where !numberOnLeft:
                let (num, den) = try ratio(x)
                if num == 0 { throw PyException.zeroDivision("integer division or modulo by zero") }
                return .native(try TimedeltaObject.fromTotal(roundHalfEven(t.total * den, num)))
            default: return nil
            }
        }
        return nil
    }

    /// The exact ratio `num / den` equal to a finite float.
    static func ratio(_ x: Double) throws(PyException) -> (BigInt, BigInt) {
        if x.isNaN { throw PyException.valueError("cannot convert NaN to integer ratio") }
        if x.isInfinite { throw PyException.overflow("cannot convert Infinity to integer ratio") }
        if x == 0 { return (0, 1) }
        var mantissa = BigInt(x.significandBitPattern)
        var exponent: Int
        if x.exponentBitPattern == 0 {
            exponent = -1074
        } else {
            mantissa += BigInt(1) << 52
            exponent = Int(x.exponentBitPattern) - 1075
        }
        if x < 0 { mantissa = -mantissa }
        if exponent >= 0 { return (mantissa << exponent, 1) }
        exponent = -exponent
        return (mantissa, BigInt(1) << exponent)
    }

    static func bigFloorDiv(_ a: BigInt, _ b: BigInt) -> BigInt {
        let (q, r) = a.quotientAndRemainder(dividingBy: b)
        return (r != 0 && ((r < 0) != (b < 0))) ? q - 1 : q
    }

    /// `a / b` rounded to the nearest integer, ties to even (`b != 0`).
    static func roundHalfEven(_ a: BigInt, _ b: BigInt) -> BigInt {
        var n = a, d = b
        if d < 0 {
            n = -n
            d = -d
        }
        var q = bigFloorDiv(n, d)
        let r = n - q * d
        let twice = r * 2
        if twice > d || (twice == d && !q.isMultiple(of: 2)) { q += 1 }
        return q
    }

    static func unary(_ me: NativeObject, _ op: UnaryOp) throws(PyException) -> Value? {
        if let t = me as? TimedeltaObject {
            switch op {
            case .negate: return .native(try TimedeltaObject.fromTotal(-t.total))
            case .plus: return .native(t)
            default: return nil
            }
        }
        let symbol: String
        switch op {
        case .negate: symbol = "-"
        case .plus: symbol = "+"
        default: return nil
        }
        throw PyException.typeError("bad operand type for unary \(symbol): '\(qualifiedName(.native(me)))'")
    }

    // MARK: - Attributes

    static func attribute(_ me: NativeObject, _ name: String, fields: [(String, Value)]) throws(PyException) -> Value? {
        for (k, v) in fields where k == name { return v }
        if name == "__class__" { return .type(me.type) }
        if let v = me.type.lookup(name) {
            if case .builtin(let f) = v, instanceMethodKeys.contains(f.key) {
                return .boundMethod(BoundMethod(receiver: .native(me), function: v))
            }
            return v
        }
        if name.hasPrefix("__") && name.hasSuffix("__") { return nil }
        throw PyException.attributeError("'datetime.\(me.type.name)' object has no attribute '\(name)'")
    }

    // MARK: - strftime

    struct Fields {
        var year = 1900, month = 1, day = 1, hour = 0, minute = 0, second = 0, microsecond = 0
        var ordinal: Int { DatetimeModule.ordinal(year, month, day) }
    }

    static let dayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ]

    static func strftime(_ format: String, _ f: Fields) -> String {
        let chars = Array(format)
        var out = ""
        let ord = f.ordinal
        let wd = weekday(ordinal: ord)
        let yday = ord - ordinal(f.year, 1, 1)
        let hour12 = f.hour % 12 == 0 ? 12 : f.hour % 12
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c != "%" {
                out.append(c)
                i += 1
                continue
            }
            let start = i
            i += 1
            var padChar: Character? = nil
            var noPad = false
            var upper = false
            var hasFlagOrWidth = false
            while i < chars.count, "-_0^#".contains(chars[i]) {
                switch chars[i] {
                case "-": noPad = true
                case "_": padChar = " "; noPad = false
                case "0": padChar = "0"; noPad = false
                default: upper = true
                }
                hasFlagOrWidth = true
                i += 1
            }
            var width: Int? = nil
            while i < chars.count, chars[i].isASCII, let dv = chars[i].wholeNumberValue {
                width = min((width ?? 0) * 10 + dv, 1024)
                hasFlagOrWidth = true
                i += 1
            }
            if i < chars.count, chars[i] == "E" || chars[i] == "O", i + 1 < chars.count, "cCxXyYdeHImMSuUVwWy".contains(chars[i + 1]) {
                i += 1
            }
            guard i < chars.count else {
                out += String(chars[start...])
                break
            }
            let conv = chars[i]
            i += 1

            func number(_ n: Int, _ defaultWidth: Int, _ defaultPad: Character = "0") {
                if noPad {
                    out += String(n)
                    return
                }
                out += pad(n, width ?? defaultWidth, padChar ?? defaultPad)
            }
            func text(_ s: String) {
                let t = upper ? s.uppercased() : s
                if let width, width > t.count, !noPad {
                    out += String(repeating: padChar ?? " ", count: width - t.count)
                }
                out += t
            }
            switch conv {
            case "a": text(String(dayNames[wd].prefix(3)))
            case "A": text(dayNames[wd])
            case "b", "h": text(String(monthNames[f.month - 1].prefix(3)))
            case "B": text(monthNames[f.month - 1])
            case "p": text(f.hour < 12 ? "AM" : "PM")
            case "P": text(f.hour < 12 ? "am" : "pm")
            case "w": number((wd + 1) % 7, 1)
            case "u": number(wd + 1, 1)
            case "d": number(f.day, 2)
            case "e": number(f.day, 2, " ")
            case "m": number(f.month, 2)
            case "y": number(f.year % 100, 2)
            case "Y": number(f.year, 1)
            case "C": number(f.year / 100, 1)
            case "G": number(isoCalendar(ordinal: ord).0, 1)
            case "g": number(isoCalendar(ordinal: ord).0 % 100, 2)
            case "V": number(isoCalendar(ordinal: ord).1, 2)
            case "H": number(f.hour, 2)
            case "k": number(f.hour, 2, " ")
            case "I": number(hour12, 2)
            case "l": number(hour12, 2, " ")
            case "M": number(f.minute, 2)
            case "S": number(f.second, 2)
            case "j": number(yday + 1, 3)
            case "U": number((yday + 7 - (wd + 1) % 7) / 7, 2)
            case "W": number((yday + 7 - wd) / 7, 2)
            case "s": number((ord - 719_163) * 86400 + f.hour * 3600 + f.minute * 60 + f.second, 1)
            case "f":
                if hasFlagOrWidth { out += String(chars[start..<i]) } else { out += pad(f.microsecond, 6) }
            case "z", "Z":
                if hasFlagOrWidth { out += String(chars[start..<i]) }
            case "c": text(strftime("%a %b %e %H:%M:%S %Y", f))
            case "x", "D": text(strftime("%m/%d/%y", f))
            case "X", "T": text(strftime("%H:%M:%S", f))
            case "F": text(strftime("%Y-%m-%d", f))
            case "R": text(strftime("%H:%M", f))
            case "r": text(strftime("%I:%M:%S %p", f))
            case "n": out += "\n"
            case "t": out += "\t"
            case "%": out += "%"
            default: out += String(chars[start..<i])
            }
        }
        return out
    }

    // MARK: - strptime

    enum PatternToken {
        case literal([Character])
        case space
        case directive(Character)
    }

    static let digitSet = "0123456789"
    static let nonZero = "123456789"

    /// The regex alternatives CPython's `_strptime` uses, as per-position character sets, in the
    /// order the regex engine tries them.
    static let numericPatterns: [Character: [[String]]] = [
        "d": [["3", "01"], ["12", digitSet], ["0", nonZero], [nonZero], [" ", nonZero]],
        "m": [["1", "012"], ["0", nonZero], [nonZero]],
        "H": [["2", "0123"], ["01", digitSet], [digitSet]],
        "I": [["1", "012"], ["0", nonZero], [nonZero]],
        "M": [["012345", digitSet], [digitSet]],
        "S": [["6", "01"], ["012345", digitSet], [digitSet]],
        "y": [[digitSet, digitSet]],
        "Y": [[digitSet, digitSet, digitSet, digitSet]],
        "f": (1...6).reversed().map { [String](repeating: digitSet, count: $0) },
        "j": [
            ["3", "6", "0123456"], ["3", "012345", digitSet], ["12", digitSet, digitSet], ["0", nonZero, digitSet],
            ["0", "0", nonZero], [nonZero, digitSet], ["0", nonZero], [nonZero],
        ],
        "w": [["0123456"]],
        "u": [["1234567"]],
    ]

    static let namePatterns: [Character: [String]] = [
        "a": dayNames.map { String($0.prefix(3)).lowercased() },
        "A": dayNames.map { $0.lowercased() },
        "b": monthNames.map { String($0.prefix(3)).lowercased() },
        "B": monthNames.map { $0.lowercased() },
        "p": ["am", "pm"],
    ]

    static func tokenize(_ format: String) throws(PyException) -> [PatternToken] {
        var tokens: [PatternToken] = []
        var literal: [Character] = []
        func flush() {
            if !literal.isEmpty {
                tokens.append(.literal(literal))
                literal = []
            }
        }
        let chars = Array(format)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c.isWhitespace {
                flush()
                if case .space? = tokens.last {} else { tokens.append(.space) }
                i += 1
                continue
            }
            if c != "%" {
                literal.append(c)
                i += 1
                continue
            }
            guard i + 1 < chars.count else { throw PyException.valueError("stray % in format '\(format)'") }
            let d = chars[i + 1]
            i += 2
            switch d {
            case "%": literal.append("%")
            case "c", "x", "X":
                let expansion = d == "c" ? "%a %b %d %H:%M:%S %Y" : (d == "x" ? "%m/%d/%y" : "%H:%M:%S")
                flush()
                tokens.append(contentsOf: try tokenize(expansion))
            case "z", "Z", "G", "U", "V", "W":
                throw PyException.valueError("strptime directive '%\(d)' is not supported (naive datetimes only)")
            default:
                guard numericPatterns[d] != nil || namePatterns[d] != nil else {
                    throw PyException.valueError("'\(d)' is a bad directive in format '\(format)'")
                }
                flush()
                tokens.append(.directive(d))
            }
        }
        flush()
        return tokens
    }

    /// Backtracking matcher over the tokens, with the semantics of `re.match` on CPython's pattern.
    final class PatternMatcher {
        let tokens: [PatternToken]
        let text: [Character]
        var captures: [(Int, Int)]
        var failed: Set<Int> = []

        init(_ tokens: [PatternToken], _ text: [Character]) {
            self.tokens = tokens
            self.text = text
            captures = Array(repeating: (0, 0), count: tokens.count)
        }

        static func same(_ a: Character, _ b: Character) -> Bool { a == b || a.lowercased() == b.lowercased() }

        func candidates(_ t: PatternToken, _ at: Int) -> [Int] {
            switch t {
            case .literal(let lit):
                guard at + lit.count <= text.count else { return [] }
                for (k, c) in lit.enumerated() where !PatternMatcher.same(c, text[at + k]) { return [] }
                return [at + lit.count]
            case .space:
                var end = at
                while end < text.count && text[end].isWhitespace { end += 1 }
                return end > at ? Array(((at + 1)...end).reversed()) : []
            case .directive(let d):
                if let alternatives = DatetimeModule.numericPatterns[d] {
                    var ends: [Int] = []
                    for alt in alternatives {
                        guard at + alt.count <= text.count else { continue }
                        var ok = true
                        for (k, set) in alt.enumerated() where !set.contains(text[at + k]) {
                            ok = false
                            break
                        }
                        if ok { ends.append(at + alt.count) }
                    }
                    return ends
                }
                if let names = DatetimeModule.namePatterns[d] {
                    var ends: [Int] = []
                    for name in names.sorted(by: { $0.count > $1.count }) {
                        let n = name.count
                        guard at + n <= text.count else { continue }
                        if String(text[at..<(at + n)]).lowercased() == name { ends.append(at + n) }
                    }
                    return ends
                }
                return []
            }
        }

        func run(_ ti: Int, _ at: Int) -> Int? {
            if ti == tokens.count { return at }
            let key = ti * (text.count + 1) + at
            if failed.contains(key) { return nil }
            for end in candidates(tokens[ti], at) {
                captures[ti] = (at, end)
                if let r = run(ti + 1, end) { return r }
            }
            failed.insert(key)
            return nil
        }
    }

    static func strptime(_ vm: VirtualMachine, _ string: String, _ format: String) throws(PyException) -> DateTimeObject {
        let tokens = try tokenize(format)
        guard tokens.count <= 500 else { throw PyException.valueError("strptime format is too long") }
        let text = Array(string)
        let matcher = PatternMatcher(tokens, text)
        guard let end = matcher.run(0, 0) else {
            let shownData = try vm.repr(.str(string))
            let shownFormat = try vm.repr(.str(format))
            throw PyException.valueError("time data \(shownData) does not match format \(shownFormat)")
        }
        if end < text.count {
            throw PyException.valueError("unconverted data remains: \(String(text[end...]))")
        }
        var year = 1900, month = 1, day = 1, hour = 0, minute = 0, second = 0, micro = 0
        var julian: Int? = nil
        var hour12: Int? = nil
        var ampm = ""
        for (ti, tok) in tokens.enumerated() {
            guard case .directive(let d) = tok else { continue }
            let (a, b) = matcher.captures[ti]
            let s = String(text[a..<b])
            let n = Int(String(s.drop(while: { $0 == " " }))) ?? 0
            switch d {
            case "Y": year = n
            case "y": year = n <= 68 ? 2000 + n : 1900 + n
            case "m": month = n
            case "d": day = n
            case "H": hour = n; hour12 = nil
            case "I": hour12 = n
            case "M": minute = n
            case "S": second = n
            case "f": micro = Int(s + String(repeating: "0", count: max(0, 6 - s.count))) ?? 0
            case "j": julian = n
            case "p": ampm = s.lowercased()
            case "b", "B":
                let names = namePatterns[d] ?? []
                if let k = names.firstIndex(of: s.lowercased()) { month = k + 1 }
            default: break
            }
        }
        if let h = hour12 {
            hour = h
            if ampm == "pm" {
                if h != 12 { hour = h + 12 }
            } else if h == 12 {
                hour = 0
            }
        }
        if let julian {
            try checkDate(year, 1, 1)
            (year, month, day) = try dateFromOrdinal(ordinal(year, 1, 1) + julian - 1)
        }
        try checkDate(year, month, day)
        try checkTime(hour, minute, second, micro)
        return DateTimeObject(year, month, day, hour, minute, second, micro)
    }

    // MARK: - ISO 8601 parsing

    static func isoDigits(_ s: [Unicode.Scalar], _ from: Int, _ count: Int) -> Int? {
        guard from >= 0, from + count <= s.count else { return nil }
        var v = 0
        for k in from..<(from + count) {
            let c = s[k].value
            guard c >= 48 && c <= 57 else { return nil }
            v = v * 10 + Int(c - 48)
        }
        return v
    }

    static func invalidIso(_ vm: VirtualMachine, _ s: String) throws(PyException) -> PyException {
        let shown = try vm.repr(.str(s))
        return PyException.valueError("Invalid isoformat string: \(shown)")
    }

    /// Parses the date forms of `date.fromisoformat` (3.11): YYYY-MM-DD, YYYYMMDD, YYYY-Www[-D], YYYYWww[D].
    static func parseIsoDate(_ s: [Unicode.Scalar]) -> (Int, Int, Int)? {
        guard s.count >= 7, let y = isoDigits(s, 0, 4) else { return nil }
        func week(_ w: Int?, _ d: Int?) -> (Int, Int, Int)? {
            guard let w, let d, y >= minYear, y <= maxYear, d >= 1, d <= 7, w >= 1, w <= 53 else { return nil }
            if w == 53 && !hasWeek53(y) { return nil }
            let n = isoWeekOneMonday(y) + (w - 1) * 7 + (d - 1)
            guard n >= 1 && n <= maxOrdinal else { return nil }
            return fromOrdinal(n)
        }
        if s[4] == "-" {
            if s.count == 10, s[7] == "-", let m = isoDigits(s, 5, 2), let d = isoDigits(s, 8, 2) { return (y, m, d) }
            if s[5] == "W" {
                if s.count == 10, s[8] == "-" { return week(isoDigits(s, 6, 2), isoDigits(s, 9, 1)) }
                if s.count == 8 { return week(isoDigits(s, 6, 2), 1) }
            }
            return nil
        }
        if s[4] == "W" {
            if s.count == 8 { return week(isoDigits(s, 5, 2), isoDigits(s, 7, 1)) }
            if s.count == 7 { return week(isoDigits(s, 5, 2), 1) }
            return nil
        }
        if s.count == 8, let m = isoDigits(s, 4, 2), let d = isoDigits(s, 6, 2) { return (y, m, d) }
        return nil
    }

    /// Parses HH[:MM[:SS[.f]]] or HH[MM[SS[.f]]]; `nil` when malformed.
    static func parseIsoTime(_ s: [Unicode.Scalar]) -> (Int, Int, Int, Int)? {
        guard let h = isoDigits(s, 0, 2) else { return nil }
        if s.count == 2 { return (h, 0, 0, 0) }
        let extended = s[2] == ":"
        let step = extended ? 3 : 2
        if extended && s.count == 3 { return nil }
        guard let m = isoDigits(s, step, 2) else { return nil }
        var pos = step + 2
        if s.count == pos { return (h, m, 0, 0) }
        if extended {
            guard s[pos] == ":" else { return nil }
            pos += 1
        }
        guard let sec = isoDigits(s, pos, 2) else { return nil }
        pos += 2
        if s.count == pos { return (h, m, sec, 0) }
        guard s[pos] == "." || s[pos] == "," else { return nil }
        pos += 1
        let digits = s.count - pos
        guard digits >= 1, s[pos...].allSatisfy({ $0.value >= 48 && $0.value <= 57 }) else { return nil }
        let used = min(digits, 6)
        guard let frac = isoDigits(s, pos, used) else { return nil }
        var us = frac
        for _ in used..<6 { us *= 10 }
        return (h, m, sec, us)
    }

    static func rejectTimeZone(_ vm: VirtualMachine, _ time: [Unicode.Scalar], _ whole: String) throws(PyException) {
        if time.contains(where: { $0 == "Z" || $0 == "+" || $0 == "-" }) {
            let shown = try vm.repr(.str(whole))
            throw PyException.valueError("time zone offsets are not supported (naive datetimes only): \(shown)")
        }
    }

    static func dateFromIso(_ vm: VirtualMachine, _ string: String) throws(PyException) -> DateObject {
        guard let p = parseIsoDate(Array(string.unicodeScalars)) else { throw try invalidIso(vm, string) }
        try checkDate(p.0, p.1, p.2)
        return DateObject(p.0, p.1, p.2)
    }

    static func datetimeFromIso(_ vm: VirtualMachine, _ string: String) throws(PyException) -> DateTimeObject {
        let s = Array(string.unicodeScalars)
        guard s.count >= 7 else { throw try invalidIso(vm, string) }
        var dateLength = 8
        if s[4] == "-" {
            dateLength = s[5] == "W" ? ((s.count >= 10 && s[8] == "-") ? 10 : 8) : 10
        } else if s[4] == "W" {
            dateLength = (s.count >= 8 && (isoDigits(s, 7, 1) != nil)) ? 8 : 7
        }
        guard dateLength <= s.count, let p = parseIsoDate(Array(s[0..<dateLength])) else {
            throw try invalidIso(vm, string)
        }
        let (y, m, d) = p
        var time = (0, 0, 0, 0)
        if s.count > dateLength {
            let timePart = Array(s[(dateLength + 1)...])
            try rejectTimeZone(vm, timePart, string)
            guard let t = parseIsoTime(timePart) else { throw try invalidIso(vm, string) }
            time = t
        }
        try checkDate(y, m, d)
        try checkTime(time.0, time.1, time.2, time.3)
        return DateTimeObject(y, m, d, time.0, time.1, time.2, time.3)
    }

    static func timeFromIso(_ vm: VirtualMachine, _ string: String) throws(PyException) -> TimeObject {
        var s = Array(string.unicodeScalars)
        if s.first == "T" { s.removeFirst() }
        try rejectTimeZone(vm, s, string)
        guard let t = parseIsoTime(s) else { throw try invalidIso(vm, string) }
        try checkTime(t.0, t.1, t.2, t.3)
        return TimeObject(t.0, t.1, t.2, t.3)
    }

    static func isoTime(_ h: Int, _ m: Int, _ s: Int, _ us: Int, _ timespec: String) throws(PyException) -> String {
        switch timespec {
        case "auto": return "\(pad(h, 2)):\(pad(m, 2)):\(pad(s, 2))" + (us != 0 ? "." + pad(us, 6) : "")
        case "hours": return pad(h, 2)
        case "minutes": return "\(pad(h, 2)):\(pad(m, 2))"
        case "seconds": return "\(pad(h, 2)):\(pad(m, 2)):\(pad(s, 2))"
        case "milliseconds": return "\(pad(h, 2)):\(pad(m, 2)):\(pad(s, 2)).\(pad(us / 1000, 3))"
        case "microseconds": return "\(pad(h, 2)):\(pad(m, 2)):\(pad(s, 2)).\(pad(us, 6))"
        default: throw PyException.valueError("Unknown timespec value")
        }
    }

    static func formatValue(
        _ me: NativeObject, _ vm: VirtualMachine, _ args: ArraySlice<Value>, _ fields: Fields
    ) throws(PyException) -> Value {
        guard args.count == 2 else { throw PyException.typeError("__format__() takes exactly one argument (\(args.count - 1) given)") }
        guard case .str(let spec) = args[args.startIndex + 1] else {
            throw PyException.typeError("must be str, not \(args[args.startIndex + 1].typeName)")
        }
        if spec.isEmpty { return .str(try me.str(vm)) }
        return .str(strftime(spec, fields))
    }

    // MARK: - date methods

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

    // MARK: - datetime methods

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

    // MARK: - time methods

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

    // MARK: - timedelta methods

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

// MARK: - Objects

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

/// `date.isocalendar()`'s result: a named triple.
final class IsoCalendarObject: NativeObject, @unchecked Sendable {
    let year: Int
    let week: Int
    let weekday: Int

    init(_ year: Int, _ week: Int, _ weekday: Int) {
        self.year = year
        self.week = week
        self.weekday = weekday
        super.init()
    }

    var tuple: [Value] { [.int(year), .int(week), .int(weekday)] }

    override var type: TypeObject { DatetimeModule.isoCalendarType }
    override var kindTag: String { "datetime.IsoCalendarDate" }
    override var encodedFields: [Value] { tuple }
    override var hashComponents: [Value]? { [.tuple(tuple)] }
    override var isSequence: Bool { true }
    override func items(_ vm: VirtualMachine) throws(PyException) -> [Value]? { tuple }

    override func repr(_ vm: VirtualMachine) throws(PyException) -> String {
        "datetime.IsoCalendarDate(year=\(year), week=\(week), weekday=\(weekday))"
    }

    override func attribute(_ name: String, _ vm: VirtualMachine) throws(PyException) -> Value? {
        switch name {
        case "year": return .int(year)
        case "week": return .int(week)
        case "weekday": return .int(weekday)
        default: return nil
        }
    }

    override func equals(_ other: Value, _ vm: VirtualMachine) throws(PyException) -> Bool {
        switch other {
        case .tuple(let t): return try vm.equals(.tuple(tuple), .tuple(t))
        case .native(let n):
            guard let o = n as? IsoCalendarObject else { return false }
            return o.year == year && o.week == week && o.weekday == weekday
        default: return false
        }
    }

    override func compare(_ other: Value, _ vm: VirtualMachine) throws(PyException) -> Int? {
        let theirs: [Value]
        switch other {
        case .tuple(let t): theirs = t
        case .native(let n):
            guard let o = n as? IsoCalendarObject else { return nil }
            theirs = o.tuple
        default: return nil
        }
        if try vm.lessThan(.tuple(tuple), .tuple(theirs), "<") { return -1 }
        return try vm.equals(.tuple(tuple), .tuple(theirs)) ? 0 : 1
    }
}
