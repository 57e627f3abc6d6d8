import BigInt

/// Decimal digits of binary doubles: shortest round-trip digits, the exact
/// expansion, and correctly rounded (half-to-even) significant or fixed digits.
extension PyFormat {
    /// `0.d1d2d3... × 10^decpt`, digits as ASCII bytes. Trailing zeros are
    /// stripped; zero is `"0"` with `decpt == 1` (like David Gay's dtoa).
    struct DecimalDigits: Equatable, Sendable {
        var digits: [UInt8]
        var decpt: Int

        static let zero = DecimalDigits(digits: [48], decpt: 1)

        var isZero: Bool { digits.allSatisfy { $0 == 48 } }
    }

    /// Powers of five that fit in a UInt64 (5^0 ... 5^27).
    static let powersOfFive: [UInt64] = {
        var result: [UInt64] = [1]
        for _ in 1...27 { result.append(result[result.count - 1] &* 5) }
        return result
    }()

    /// Powers of ten exactly representable as Double (1e0 ... 1e22).
    static let powersOfTen: [Double] = {
        var result: [Double] = [1]
        for _ in 1...22 { result.append(result[result.count - 1] * 10) }
        return result
    }()

    /// `x = m × 2^e` with `m` odd (or zero), for finite `x`; the sign is ignored.
    static func decompose(_ x: Double) -> (m: UInt64, e: Int) {
        let bits = x.bitPattern
        let biased = Int((bits >> 52) & 0x7FF)
        var m = bits & ((1 << 52) - 1)
        var e: Int
        if biased == 0 {
            e = -1074
        } else {
            m |= 1 << 52
            e = biased - 1075
        }
        if m == 0 { return (0, 0) }
        let tz = m.trailingZeroBitCount
        m >>= UInt64(tz)
        e += tz
        return (m, e)
    }

    /// The exact decimal value of finite, nonzero `|x|` as `digits × 10^exp10`
    /// (digits without leading zeros).
    static func exactDigits(_ x: Double) -> (digits: [UInt8], exp10: Int) {
        let (m, e) = decompose(x)
        if m == 0 { return ([48], 0) }
        let big: BigUInt
        let exp10: Int
        if e >= 0 {
            big = BigUInt(m) << e
            exp10 = 0
        } else {
            big = BigUInt(m) * BigUInt(5).power(-e)
            exp10 = e
        }
        return (Array(String(big).utf8), exp10)
    }

    /// Rounds `0.digits × 10^decpt` (an exact value) to its first `keep`
    /// digits, half to even.
    static func roundDigits(_ digits: [UInt8], keep: Int, decpt: Int) -> DecimalDigits {
        if keep >= digits.count {
            return stripped(digits, decpt: decpt)
        }
        if keep < 0 { return .zero }
        let first = digits[keep]
        var roundUp: Bool
        if first > 53 {
            roundUp = true
        } else if first < 53 {
            roundUp = false
        } else {
            var rest = false
            var i = keep + 1
            while i < digits.count {
                if digits[i] != 48 { rest = true; break }
                i += 1
            }
            if rest {
                roundUp = true
            } else {
                let last = keep > 0 ? digits[keep - 1] : 48
                roundUp = (last - 48) & 1 == 1
            }
        }
        var kept = Array(digits[0..<keep])
        var newDecpt = decpt
        if roundUp {
            var i = kept.count - 1
            while i >= 0 && kept[i] == 57 {
                kept[i] = 48
                i -= 1
            }
            if i >= 0 {
                kept[i] += 1
            } else {
                kept = [49]
                newDecpt += 1
            }
        }
        return stripped(kept, decpt: newDecpt)
    }

    private static func stripped(_ digits: [UInt8], decpt: Int) -> DecimalDigits {
        var digits = digits
        while let last = digits.last, last == 48 { digits.removeLast() }
        if digits.isEmpty { return .zero }
        return DecimalDigits(digits: digits, decpt: decpt)
    }

    /// Shortest digits that round-trip to finite, nonzero `|x|`, taken from
    /// Swift's `description` (which is shortest and closest).
    static func shortestDigits(_ x: Double) -> DecimalDigits {
        if x == 0 || !x.isFinite { return .zero }
        var digits: [UInt8] = []
        digits.reserveCapacity(20)
        var pointPos = -1
        var exponent = 0
        var expSign = 1
        var inExponent = false
        for byte in x.magnitude.description.utf8 {
            if inExponent {
                if byte == 45 { expSign = -1 } else if byte >= 48 && byte <= 57 { exponent = exponent * 10 + Int(byte - 48) }
            } else if byte >= 48 && byte <= 57 {
                digits.append(byte)
            } else if byte == 46 {
                pointPos = digits.count
            } else if byte == 101 || byte == 69 {
                inExponent = true
            }
        }
        if pointPos < 0 { pointPos = digits.count }
        var decpt = pointPos + expSign * exponent
        var start = 0
        while start < digits.count && digits[start] == 48 {
            start += 1
            decpt -= 1
        }
        var end = digits.count
        while end > start && digits[end - 1] == 48 { end -= 1 }
        if start == end { return .zero }
        if start == 0 && end == digits.count {
            return DecimalDigits(digits: digits, decpt: decpt)
        }
        return DecimalDigits(digits: Array(digits[start..<end]), decpt: decpt)
    }

    /// `|x|` correctly rounded to `n >= 1` significant digits (half to even).
    static func significantDigits(_ x: Double, _ n: Int) -> DecimalDigits {
        let a = x.magnitude
        if a == 0 || !a.isFinite { return .zero }
        let count = max(n, 1)
        if a.isNormal {
            let s = shortestDigits(a)
            if s.digits.count <= count {
                // The shortest digits are within half an ulp of x; with at
                // most 15 digits the rounding grid is coarser than an ulp.
                if count <= 15 { return s }
            } else if !(s.digits.count == count + 1 && s.digits[count] == 53) {
                // Not a tie in the shortest digits: x lies on the same side
                // of the midpoint as the shortest digits do.
                return roundDigits(s.digits, keep: count, decpt: s.decpt)
            }
        }
        let (digits, exp10) = exactDigits(a)
        return roundDigits(digits, keep: count, decpt: digits.count + exp10)
    }

    /// `|x|` correctly rounded to `p` digits after the decimal point (half to
    /// even); `p` may be negative (round to tens, hundreds, ...).
    static func fixedDigits(_ x: Double, _ p: Int) -> DecimalDigits {
        let a = x.magnitude
        if a == 0 || !a.isFinite { return .zero }
        if let q = fixedRoundedInteger(a, p) {
            if q == 0 { return .zero }
            var digits: [UInt8] = []
            digits.reserveCapacity(20)
            appendDecimal(&digits, q)
            return stripped(digits, decpt: digits.count - p)
        }
        let (digits, exp10) = exactDigits(a)
        let decpt = digits.count + exp10
        // Guard against overflow for absurd precisions.
        let keep = p > Int.max / 4 ? digits.count : (p < -Int.max / 4 ? -1 : decpt + p)
        return roundDigits(digits, keep: keep, decpt: decpt)
    }

    /// Fast path: `round_half_even(|x| × 10^p)` as a UInt64 when `0 <= p <= 27`
    /// and the result fits; nil when the caller must use exact arithmetic.
    static func fixedRoundedInteger(_ x: Double, _ p: Int) -> UInt64? {
        guard p >= 0 && p <= 27 else { return nil }
        let (m, e) = decompose(x)
        if m == 0 { return 0 }
        // N = m × 5^p < 2^53 × 2^63 = 2^116; value × 10^p = N / 2^s.
        let (hi, lo) = m.multipliedFullWidth(by: powersOfFive[p])
        let s = -e - p
        if s <= 0 {
            let shift = -s
            guard hi == 0, shift < 64, lo.leadingZeroBitCount >= shift else { return nil }
            return lo << UInt64(shift)
        }
        if s > 116 { return 0 }
        var q: UInt64
        var above: Bool
        var tie: Bool
        if s < 64 {
            guard hi >> UInt64(s) == 0 else { return nil }
            q = (hi << UInt64(64 - s)) | (lo >> UInt64(s))
            let rem = lo & ((1 << UInt64(s)) - 1)
            let half: UInt64 = 1 << UInt64(s - 1)
            above = rem > half
            tie = rem == half
        } else if s == 64 {
            q = hi
            let half: UInt64 = 1 << 63
            above = lo > half
            tie = lo == half
        } else {
            let t = s - 64
            q = hi >> UInt64(t)
            let remHi = hi & ((1 << UInt64(t)) - 1)
            let halfHi: UInt64 = 1 << UInt64(t - 1)
            above = remHi > halfHi || (remHi == halfHi && lo > 0)
            tie = remHi == halfHi && lo == 0
        }
        if above || (tie && q & 1 == 1) {
            guard q < UInt64.max else { return nil }
            q += 1
        }
        return q
    }
}
