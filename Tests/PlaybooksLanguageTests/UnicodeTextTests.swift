import Testing

@testable import PlaybooksLanguage

/// The regex engine and string methods decode strings with ``UnicodeText``; it must agree with
/// Swift's own view of the code points, ASCII or not.
@Suite("Unicode text")
struct UnicodeTextTests {
    static let samples = [
        "", "plain ascii line status=200", "é", "naïve café", "日本語のテキスト", "🙂 emoji 👍🏽 mixed",
        "a\u{0301}", "\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}", String(repeating: "xé", count: 50),
    ]

    @Test func scalarsMatchTheUnicodeScalarView() {
        for s in Self.samples {
            #expect(UnicodeText.scalars(s) == Array(s.unicodeScalars))
        }
    }

    @Test func scalarsRoundTripThroughString() {
        for s in Self.samples {
            #expect(UnicodeText.string(UnicodeText.scalars(s)) == s)
        }
    }
}
