import BigInt

/// The constructors of `date`, `datetime`, `time` and `timedelta`.
extension DatetimeModule {
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
}
