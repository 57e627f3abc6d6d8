import PlaybooksTestSupport
import Testing

@testable import PlaybooksLLM

@Suite struct SSEParserTests {
    private func parse(_ text: String) -> [SSEEvent] {
        var parser = SSEParser()
        return parser.feed(Array(text.utf8)) + parser.finish()
    }

    @Test func lineFeedLineEnds() {
        #expect(parse("data: a\n\ndata: b\n\n") == [SSEEvent(data: "a"), SSEEvent(data: "b")])
    }

    @Test func crlfLineEnds() {
        #expect(parse("event: x\r\ndata: a\r\n\r\ndata: b\r\n\r\n") == [SSEEvent(type: "x", data: "a"), SSEEvent(data: "b")])
    }

    @Test func carriageReturnLineEnds() {
        #expect(parse("data: a\r\rdata: b\r\r") == [SSEEvent(data: "a"), SSEEvent(data: "b")])
    }

    @Test func crlfSplitBetweenChunksIsOneLineEnd() {
        var parser = SSEParser()
        #expect(parser.feed(Array("data: a\r".utf8)) == [])
        // The LF completes the CRLF pair; only the next CR-LF pair is the blank line.
        #expect(parser.feed(Array("\n".utf8)) == [])
        #expect(parser.feed(Array("\r".utf8)) == [SSEEvent(data: "a")])
        #expect(parser.feed(Array("\ndata: b\n\n".utf8)) == [SSEEvent(data: "b")])
    }

    @Test func multiLineDataIsJoinedWithNewlines() {
        #expect(parse("data: first\ndata: second\ndata:\ndata: fourth\n\n") == [SSEEvent(data: "first\nsecond\n\nfourth")])
    }

    @Test func eventTypeAppliesToOneEvent() {
        #expect(
            parse("event: ping\ndata: {}\n\ndata: plain\n\n") == [SSEEvent(type: "ping", data: "{}"), SSEEvent(data: "plain")])
    }

    @Test func idCarriesOverAndIgnoresNul() {
        let events = parse("id: 7\ndata: a\n\ndata: b\n\nid: x\u{0}y\ndata: c\n\nid\ndata: d\n\n")
        #expect(events.map(\.id) == ["7", "7", "7", ""])
    }

    @Test func retryNeedsDigits() {
        #expect(parse("retry: 1500\ndata: a\n\nretry: 15s\ndata: b\n\n").map(\.retry) == [1500, nil])
    }

    @Test func commentLinesAreKeepAlivesAndIgnored() {
        var parser = SSEParser()
        let events = parser.feed(Array(": keep-alive\n\n:\ndata: a\n: inside an event\ndata: b\n\n".utf8))
        #expect(events == [SSEEvent(data: "a\nb")])
        #expect(parser.commentCount == 3)
    }

    @Test func blankLineWithoutDataDispatchesNothing() {
        #expect(parse("\n\n\nevent: lonely\n\ndata: a\n\n") == [SSEEvent(data: "a")])
    }

    @Test func fieldWithoutColon() {
        // `data` alone is a data line with an empty value; an unknown field alone is ignored.
        #expect(parse("data\ndata\n\nfoo\ndata: x\n\n") == [SSEEvent(data: "\n"), SSEEvent(data: "x")])
        #expect(parse("event\ndata: y\n\n") == [SSEEvent(type: "message", data: "y")])
    }

    @Test func onlyOneLeadingSpaceIsRemoved() {
        #expect(parse("data:no-space\n\ndata:  two\n\ndata: a: b\n\n").map(\.data) == ["no-space", " two", "a: b"])
    }

    @Test func unknownFieldsAreIgnored() {
        #expect(parse("foo: bar\ndata: a\n\n") == [SSEEvent(data: "a")])
    }

    @Test func byteOrderMarkAtStartIsDropped() {
        #expect(parse("\u{FEFF}data: a\n\n") == [SSEEvent(data: "a")])
    }

    @Test func utf8SplitAcrossChunks() {
        let bytes = Array("data: h\u{E9}llo \u{1F600} \u{4E16}\u{754C}\n\n".utf8)
        // Cut inside every multi-byte sequence, one byte at a time.
        var parser = SSEParser()
        var events: [SSEEvent] = []
        for byte in bytes { events += parser.feed([byte]) }
        #expect(events == [SSEEvent(data: "h\u{E9}llo \u{1F600} \u{4E16}\u{754C}")])
    }

    @Test func invalidUTF8BecomesReplacementCharacter() {
        var parser = SSEParser()
        #expect(parser.feed([0x64, 0x61, 0x74, 0x61, 0x3A, 0x20, 0xFF, 0x0A, 0x0A]) == [SSEEvent(data: "\u{FFFD}")])
    }

    @Test func finishDispatchesAnUnterminatedEvent() {
        var parser = SSEParser()
        #expect(parser.feed(Array("data: [DONE]".utf8)) == [])
        #expect(parser.finish() == [SSEEvent(data: "[DONE]")])
        #expect(parser.finish() == [])
    }

    /// Random streams, cut at random places: the events never depend on the chunk boundaries.
    @Test func randomRechunkingGivesTheSameEvents() {
        var random = SplitMix64(seed: 0x5EED)
        let pieces = [
            "data: a", "data:b", "data:  spaced", "event: delta", "id: 42", "retry: 100", ": keep-alive", "",
            "data: h\u{E9}llo \u{1F600}", "data: {\"x\": [1, 2]}", "data", "foo: bar", "data: \u{4E16}\u{754C}\u{1F1EF}\u{1F1F5}",
        ]
        let lineEnds = ["\n", "\r\n", "\r"]
        for _ in 0..<300 {
            var text = ""
            for _ in 0..<Int.random(in: 1...25, using: &random) {
                text += pieces.randomElement(using: &random)! + lineEnds.randomElement(using: &random)!
            }
            text += "\n\n"
            let bytes = Array(text.utf8)
            var whole = SSEParser()
            let expected = whole.feed(bytes) + whole.finish()

            var parser = SSEParser()
            var events: [SSEEvent] = []
            var index = 0
            while index < bytes.count {
                let size = Int.random(in: 1...8, using: &random)
                let end = min(bytes.count, index + size)
                events += parser.feed(bytes[index..<end])
                index = end
            }
            events += parser.finish()
            #expect(events == expected, "stream: \(text.debugDescription)")
            if events != expected { return }
        }
    }

    /// The same check against a model: events written with LF, CRLF or CR and cut anywhere come out as written.
    @Test func randomEventsRoundTrip() {
        var random = SplitMix64(seed: 42)
        let words = ["x", "h\u{E9}", "\u{1F600}", "a b", " lead", "{\"k\":1}", ""]
        for _ in 0..<200 {
            var expected: [SSEEvent] = []
            var text = ""
            let lineEnd = ["\n", "\r\n", "\r"].randomElement(using: &random)!
            for _ in 0..<Int.random(in: 1...6, using: &random) {
                let type = Bool.random(using: &random) ? "delta" : nil
                let lines = (0..<Int.random(in: 1...3, using: &random)).map { _ in words.randomElement(using: &random)! }
                if Bool.random(using: &random) { text += ": ping" + lineEnd }
                if let type { text += "event: \(type)" + lineEnd }
                for line in lines { text += "data: \(line)" + lineEnd }
                text += lineEnd
                expected.append(SSEEvent(type: type ?? "message", data: lines.joined(separator: "\n")))
            }
            let bytes = Array(text.utf8)
            var parser = SSEParser()
            var events: [SSEEvent] = []
            var index = 0
            while index < bytes.count {
                let end = min(bytes.count, index + Int.random(in: 1...5, using: &random))
                events += parser.feed(bytes[index..<end])
                index = end
            }
            events += parser.finish()
            #expect(events == expected)
            if events != expected { return }
        }
    }
}
