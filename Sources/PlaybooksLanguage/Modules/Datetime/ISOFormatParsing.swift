/// `fromisoformat` parsing and `isoformat` time rendering.
extension DatetimeModule {
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
}
