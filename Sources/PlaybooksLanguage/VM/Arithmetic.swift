import BigInt

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Integer and float arithmetic with Python's semantics: unbounded ints, floor division and
/// modulo that round toward negative infinity, `**` that turns negative exponents into floats.
enum Arithmetic {
    static func big(_ v: Value) -> BigInt? {
        switch v {
        case .int(let i): return BigInt(i)
        case .bigInt(let b): return b.value
        case .bool(let b): return b ? 1 : 0
        default: return nil
        }
    }

    /// The int value of an int or bool (not big ints).
    @inline(__always)
    static func small(_ v: Value) -> Int? {
        switch v {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        default: return nil
        }
    }

    static func isInt(_ v: Value) -> Bool {
        switch v {
        case .int, .bigInt, .bool: return true
        default: return false
        }
    }

    static func toDouble(_ v: Value) throws(PyException) -> Double? {
        switch v {
        case .int(let i): return Double(i)
        case .bool(let b): return b ? 1 : 0
        case .float(let d): return d
        case .bigInt(let b):
            do {
                return try PyFormat.toDouble(b.value)
            } catch {
                throw PyException.overflow("int too large to convert to float")
            }
        default: return nil
        }
    }

    static func floorDiv(_ a: Int, _ b: Int) throws(PyException) -> Value {
        if b == 0 { throw PyException.zeroDivision("integer division or modulo by zero") }
        if a == Int.min && b == -1 { return .integer(-BigInt(a)) }
        var q = a / b
        if (a % b != 0) && ((a < 0) != (b < 0)) { q -= 1 }
        return .int(q)
    }

    static func mod(_ a: Int, _ b: Int) throws(PyException) -> Value {
        if b == 0 { throw PyException.zeroDivision("integer modulo by zero") }
        if b == -1 { return .int(0) }
        var r = a % b
        if r != 0 && ((r < 0) != (b < 0)) { r += b }
        return .int(r)
    }

    static func bigFloorDiv(_ a: BigInt, _ b: BigInt) throws(PyException) -> Value {
        if b == 0 { throw PyException.zeroDivision("integer division or modulo by zero") }
        var (q, r) = a.quotientAndRemainder(dividingBy: b)
        if r != 0 && ((r < 0) != (b < 0)) { q -= 1 }
        return .integer(q)
    }

    static func bigMod(_ a: BigInt, _ b: BigInt) throws(PyException) -> Value {
        if b == 0 { throw PyException.zeroDivision("integer modulo by zero") }
        var r = a % b
        if r != 0 && ((r < 0) != (b < 0)) { r += b }
        return .integer(r)
    }

    static func floatFloorDiv(_ a: Double, _ b: Double) throws(PyException) -> Double {
        if b == 0 { throw PyException.zeroDivision("float floor division by zero") }
        let m = floatModRaw(a, b)
        var div = (a - m) / b
        if div != 0 {
            let f = div.rounded(.down)
            if div - f > 0.5 { div = f + 1 } else { div = f }
        } else {
            div = a / b < 0 ? -0.0 : 0.0
        }
        return div
    }

    static func floatMod(_ a: Double, _ b: Double) throws(PyException) -> Double {
        if b == 0 { throw PyException.zeroDivision("float modulo") }
        return floatModRaw(a, b)
    }

    private static func floatModRaw(_ a: Double, _ b: Double) -> Double {
        var m = a.truncatingRemainder(dividingBy: b)
        if m != 0 {
            if (b < 0) != (m < 0) { m += b }
        } else {
            m = b < 0 ? -0.0 : 0.0
        }
        return m
    }

    /// Bitwise and/or/xor with Python's infinite two's-complement semantics for negatives.
    static func bitwise(_ a: BigInt, _ b: BigInt, _ op: (BigUInt, BigUInt) -> BigUInt) -> BigInt {
        if a >= 0 && b >= 0 { return BigInt(op(a.magnitude, b.magnitude)) }
        let width = max(a.bitWidth, b.bitWidth) + 1
        let modulus = BigUInt(1) << width
        func twos(_ x: BigInt) -> BigUInt { x >= 0 ? x.magnitude : modulus - x.magnitude }
        let r = op(twos(a), twos(b)) & (modulus - 1)
        if r >> (width - 1) == 1 { return -BigInt(modulus - r) }
        return BigInt(r)
    }

    /// `a >> s` rounding toward negative infinity.
    static func shiftRight(_ a: BigInt, _ s: Int) -> BigInt {
        if a >= 0 { return a >> s }
        return -((-a - 1) >> s) - 1
    }

    /// `base ** exp` when it fits in a machine int; `nil` when it does not (see
    /// ``VirtualMachine/power(_:_:)`` for the rest).
    static func smallPow(_ base: Int, _ exp: Int) -> Value? {
        var result = 1
        var b = base
        var e = exp
        while e > 0 {
            if e & 1 == 1 {
                let (r, o) = result.multipliedReportingOverflow(by: b)
                if o { return nil }
                result = r
            }
            e >>= 1
            if e > 0 {
                let (sq, o) = b.multipliedReportingOverflow(by: b)
                if o { return nil }
                b = sq
            }
        }
        return .int(result)
    }

    static func floatPow(_ a: Double, _ b: Double) throws(PyException) -> Double {
        if a == 0 && b < 0 {
            throw PyException.zeroDivision("0.0 cannot be raised to a negative power")
        }
        if a < 0 && b.rounded(.towardZero) != b && b.isFinite {
            throw PyException.valueError("negative number cannot be raised to a fractional power")
        }
        let r = pow(a, b)
        if r.isInfinite && a.isFinite && b.isFinite {
            throw PyException(Types.overflowError, "(34, 'Numerical result out of range')")
        }
        return r
    }

    /// True division of two ints, correctly rounded for big values.
    static func trueDivide(_ a: BigInt, _ b: BigInt) throws(PyException) -> Double {
        if b == 0 { throw PyException.zeroDivision("division by zero") }
        if a.magnitude.bitWidth <= 53 && b.magnitude.bitWidth <= 53 {
            return Double(a) / Double(b)
        }
        let neg = (a < 0) != (b < 0)
        var n = BigInt(a.magnitude)
        var d = BigInt(b.magnitude)
        // Scale so the quotient has 55+ significant bits, then let Double round once.
        let shift = 55 - (n.bitWidth - d.bitWidth)
        if shift > 0 { n <<= shift } else { d <<= -shift }
        let (q, r) = n.quotientAndRemainder(dividingBy: d)
        var qd = Double(q | (r != 0 ? 1 : 0))
        qd = Double(sign: .plus, exponent: -shift, significand: qd)
        if !qd.isFinite { throw PyException.overflow("integer division result too large for a float") }
        return neg ? -qd : qd
    }
}
