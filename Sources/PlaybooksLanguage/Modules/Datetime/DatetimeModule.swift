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
}
