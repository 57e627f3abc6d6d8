import Testing

@testable import PlaybooksRuntime

/// The host reads the prelude's playbook frames only through `PlaybookFrame`, by the keys of
/// `PlaybookFrameKey`; the prelude (Python) must write every one of them, and the host must know
/// every key the prelude's frames have.
@Suite struct PreludeContractTests {
    static let source = Prelude.source(agent: "A", markdownPlaybooks: ["Greet"])

    @Test func everyKeyTheHostReadsIsWrittenByThePrelude() {
        for key in PlaybookFrameKey.allCases {
            #expect(Self.source.contains("\"\(key.rawValue)\": "), "the prelude's frames have no key \(key.rawValue)")
        }
    }

    @Test func everyKeyOfThePreludesFramesIsKnownToTheHost() throws {
        // The frame dict literals: `frame = {"playbook": name, ...}`.
        var keys: Set<String> = []
        for line in Self.source.split(separator: "\n") where line.contains("frame = {") || line.hasPrefix("                 \"") {
            var rest = Substring(line)
            while let open = rest.firstIndex(of: "\""), let close = rest[rest.index(after: open)...].firstIndex(of: "\"") {
                let key = rest[rest.index(after: open)..<close]
                if rest[close...].dropFirst().hasPrefix(":") { keys.insert(String(key)) }
                rest = rest[rest.index(after: close)...]
            }
        }
        #expect(keys.count >= 4, "found \(keys)")
        #expect(keys.subtracting(PlaybookFrameKey.allCases.map(\.rawValue)).isEmpty)
    }

    @Test func theHiddenGlobalsAreDefinedByThePrelude() {
        for name in [PreludeGlobals.Name.stack, .transcript, .artifacts] {
            #expect(Self.source.contains("\(name.rawValue) = "), "\(name.rawValue)")
        }
        #expect(Prelude.entry("Main").hasPrefix(PreludeGlobals.Name.result.rawValue + " = "))
    }
}
