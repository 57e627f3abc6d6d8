import ArgumentParser
import Foundation

/// What the benchmark commands share: durations as numbers, medians, fixed-width number columns, and options that
/// take comma-separated integers.
protocol BenchCommandSupport {}

extension BenchCommandSupport {
    /// `d` in seconds.
    static func seconds(_ d: Duration) -> Double {
        let c = d.components
        return Double(c.seconds) + Double(c.attoseconds) / 1e18
    }

    /// The median of `xs` (the mean of the two middle values for an even count); NaN for no values.
    static func median(_ xs: [Double]) -> Double {
        let s = xs.sorted()
        guard !s.isEmpty else { return .nan }
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    /// `x` with `digits` digits after the point.
    static func fmt(_ x: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", x) }

    /// `x` with one digit after the point and a sign, also `+` for zero.
    static func signed(_ x: Double) -> String { (x >= 0 ? "+" : "") + fmt(x, 1) }

    /// `s` padded with spaces on the right to `width` characters.
    static func pad(_ s: String, _ width: Int) -> String { s + String(repeating: " ", count: max(0, width - s.count)) }

    /// `s` padded with spaces on the left to `width` characters.
    static func lpad(_ s: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - s.count)) + s }

    /// The integers of a comma-separated option value such as `1,10,100`.
    ///
    /// - Throws: `ValidationError` naming `option` for an item that is not an integer of at least `minimum`, or for
    ///   a value with no items.
    static func integers(_ text: String, option: String, minimum: Int = 0) throws -> [Int] {
        let items = try text.split(separator: ",").map {
            guard let n = Int($0.trimmingCharacters(in: .whitespaces)), n >= minimum else {
                throw ValidationError("\(option): '\($0)' is not an integer of at least \(minimum)")
            }
            return n
        }
        guard !items.isEmpty else { throw ValidationError("\(option): no values") }
        return items
    }
}
