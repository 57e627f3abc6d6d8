import BigInt

/// Binary and unary arithmetic on dates, datetimes and timedeltas.
extension DatetimeModule {
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
}
