/// Kinds of datetime values, their equality and ordering.
extension DatetimeModule {
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
}
