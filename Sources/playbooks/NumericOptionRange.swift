import ArgumentParser

/// Checks of the numeric command-line options: a value out of range (NaN and infinities
/// included) is a usage error that names the option and the range it accepts, never a trap.
enum NumericOptionRange {
    /// Timeouts and other wall-time limits: up to about 31 years.
    static let maximumSeconds: Double = 1_000_000_000

    /// `value` seconds as a duration, if it lies in `minimum...maximum`.
    static func seconds(
        _ value: Double, option: String, minimum: Double, maximum: Double = maximumSeconds
    ) throws(ValidationError) -> Duration {
        guard value.isFinite, value >= minimum, value <= maximum else {
            throw ValidationError("\(option) must be a number of seconds from \(text(minimum)) to \(text(maximum)), got \(value)")
        }
        // In range, so the milliseconds fit an Int64.
        return .milliseconds(Int64((value * 1000).rounded()))
    }

    /// Checks that `value` lies in `range`.
    static func integer(_ value: Int, option: String, in range: ClosedRange<Int>) throws(ValidationError) {
        guard range.contains(value) else {
            let upper = range.upperBound == Int.max ? "" : " and at most \(range.upperBound)"
            throw ValidationError("\(option) must be at least \(range.lowerBound)\(upper), got \(value)")
        }
    }

    private static func text(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x)
    }
}
