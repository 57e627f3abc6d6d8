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
    override var hashComponents: [Value]? { [.tuple(TupleItems(tuple))] }
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
        case .tuple(let t): return try vm.equals(.tuple(TupleItems(tuple)), .tuple(t))
        case .native(let n):
            guard let o = n as? IsoCalendarObject else { return false }
            return o.year == year && o.week == week && o.weekday == weekday
        default: return false
        }
    }

    override func compare(_ other: Value, _ vm: VirtualMachine) throws(PyException) -> Int? {
        let theirs: TupleItems
        switch other {
        case .tuple(let t): theirs = t
        case .native(let n):
            guard let o = n as? IsoCalendarObject else { return nil }
            theirs = TupleItems(o.tuple)
        default: return nil
        }
        let mine = TupleItems(tuple)
        if try vm.lessThan(.tuple(mine), .tuple(theirs), "<") { return -1 }
        return try vm.equals(.tuple(mine), .tuple(theirs)) ? 0 : 1
    }
}
