import Foundation

/// Names one execution in a store.
///
/// Identifiers are 1 to 64 characters of `A-Z a-z 0-9 _ . -` and do not start with `.` or `-`,
/// so they are safe as file names and in SQL.
///
/// ```swift
/// let id = try ExecutionID(validating: "order-report-1")
/// let fresh = ExecutionID.generate()   // e.g. "ex-20261129-051733-k3q9z2"
/// ```
public struct ExecutionID: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public let rawValue: String

    /// Checks `text` and wraps it; throws ``StoreError/invalidExecutionID(_:)`` when it is not a valid id.
    public init(validating text: String) throws(StoreError) {
        guard ExecutionID.isValid(text) else { throw .invalidExecutionID(text) }
        rawValue = text
    }

    /// Whether `text` can name an execution.
    public static func isValid(_ text: String) -> Bool {
        guard let first = text.utf8.first, text.utf8.count <= 64, first != UInt8(ascii: "."), first != UInt8(ascii: "-")
        else { return false }
        return text.utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b == 0x2E
                || b == 0x2D
        }
    }

    /// A new identifier that sorts by creation time: `ex-YYYYMMDD-HHMMSS-` plus six random characters.
    public static func generate(now: Date = Date()) -> ExecutionID {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        let alphabet = Array("abcdefghijkmnpqrstuvwxyz23456789")
        var rng = SystemRandomNumberGenerator()
        let suffix = String((0..<6).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] })
        return ExecutionID(unchecked: "ex-\(formatter.string(from: now))-\(suffix)")
    }

    package init(unchecked: String) { rawValue = unchecked }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard ExecutionID.isValid(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "invalid execution id '\(text)'"))
        }
        rawValue = text
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }

    public var description: String { rawValue }
    public static func < (a: ExecutionID, b: ExecutionID) -> Bool { a.rawValue < b.rawValue }
}
