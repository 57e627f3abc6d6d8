import Testing

@testable import PlaybooksLanguage

/// Joining by copying UTF-8 bytes agrees with `String`'s own concatenation, across the
/// small-string boundary (15 bytes) and with multi-byte characters.
@Suite("String concatenation")
struct StringConcatenationTests {
    static let pieces = ["", "a", "status=", "日本語", "é", "🙂", String(repeating: "x", count: 14), "ü ß", "\n", "0123456789abcdef"]

    @Test func concatenationAgreesWithAppending() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let count = Int.random(in: 0...8, using: &generator)
            let parts = (0..<count).map { _ in Self.pieces.randomElement(using: &generator) ?? "" }
            let values = parts.map(Value.str) + [.int(7)]  // a non-string is skipped
            let joined = values.withUnsafeBufferPointer(StringConcatenation.concatenate)
            #expect(joined == parts.joined())
            #expect(joined.utf8.count == parts.reduce(0) { $0 + $1.utf8.count })
        }
    }

    @Test func joinAgreesWithJoined() {
        for separator in ["", ", ", "—", "\n"] {
            for count in 0...6 {
                let parts = Array(Self.pieces.prefix(count)) + Array(Self.pieces.suffix(count))
                #expect(StringConcatenation.join(parts, separator: separator) == parts.joined(separator: separator))
            }
        }
    }

    @Test func boundaryLengthsAroundSmallStrings() {
        for n in 0...40 {
            let left = String(repeating: "a", count: n / 2)
            let right = String(repeating: "é", count: (n + 1) / 4)
            let values: [Value] = [.str(left), .str(right), .str(left)]
            #expect(values.withUnsafeBufferPointer(StringConcatenation.concatenate) == left + right + left)
        }
    }
}
