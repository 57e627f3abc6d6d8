import Testing

@testable import PlaybooksRuntime

/// The YAML subset of front matter and metadata lines.
struct MetadataParserTests {
    func parse(_ text: String) throws -> Metadata {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map {
            ProgramLine(text: String($1), number: $0 + 1)
        }
        return try MetadataParser.parse(lines, path: "m.yaml")
    }

    @Test func scalarsAsPyYAMLReadsThem() throws {
        let metadata = try parse(
            """
            a: true
            b: no
            c: 42
            d: -1.5
            e: ~
            f: "quoted: # not a comment"
            g: 'it''s'
            h: plain text # a comment
            i: http://example.com/x
            """)
        #expect(metadata["a"] == .bool(true))
        #expect(metadata["b"] == .bool(false))
        #expect(metadata["c"] == .int(42))
        #expect(metadata["d"] == .double(-1.5))
        #expect(metadata["e"] == .null)
        #expect(metadata["f"] == .string("quoted: # not a comment"))
        #expect(metadata["g"] == .string("it's"))
        #expect(metadata["h"] == .string("plain text"))
        #expect(metadata["i"] == .string("http://example.com/x"))
    }

    @Test func nestingFlowAndBlockScalars() throws {
        let metadata = try parse(
            """
            author:
              name: Ada
              email: ada@example.com
            tags: [one, "two", [3, 4]]
            inline: {x: 1, y: [a]}
            items:
            - first
            - second
            people:
              - name: A
                role: host
              - name: B
            text: |
              line one
              line two
            """)
        #expect(metadata["author"] == .map(Metadata([("name", .string("Ada")), ("email", .string("ada@example.com"))])))
        #expect(metadata["tags"] == .list([.string("one"), .string("two"), .list([.int(3), .int(4)])]))
        #expect(metadata["inline"] == .map(Metadata([("x", .int(1)), ("y", .list([.string("a")]))])))
        #expect(metadata.strings("items") == ["first", "second"])
        #expect(
            metadata["people"]
                == .list([
                    .map(Metadata([("name", .string("A")), ("role", .string("host"))])), .map(Metadata([("name", .string("B"))])),
                ]))
        #expect(metadata["text"] == .string("line one\nline two\n"))
        #expect(metadata["tags"]?.description == "[one, two, [3, 4]]")
    }

    @Test func errorsNameTheLine() {
        let unclosed = #expect(throws: ProgramError.self) { try parse("a: 1\nb: [x, y\n") }
        #expect(unclosed?.kind == .invalidMetadata)
        #expect(unclosed?.line == 2)
        let indented = #expect(throws: ProgramError.self) { try parse("a: 1\n   b: 2\n") }
        #expect(indented?.line == 2)
        let noColon = #expect(throws: ProgramError.self) { try parse("a: 1\njust words\n") }
        #expect(noColon?.line == 2)
    }

    @Test func metadataLinesInDescriptions() {
        #expect(MetadataParser.isMetadataLine("public: true"))
        #expect(MetadataParser.isMetadataLine("required_attendees: [A, B]"))
        #expect(MetadataParser.isMetadataLine("metadata:"))
        #expect(!MetadataParser.isMetadataLine("Note: prose"))
        #expect(!MetadataParser.isMetadataLine("Session id: {x}"))
        #expect(!MetadataParser.isMetadataLine("  public: true"))
        #expect(!MetadataParser.isMetadataLine("url:http"))
    }
}
