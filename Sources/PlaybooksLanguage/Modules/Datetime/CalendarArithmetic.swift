/// Proleptic Gregorian calendar arithmetic (ordinal 1 = 0001-01-01), ISO weeks and range checks.
extension DatetimeModule {
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
}
