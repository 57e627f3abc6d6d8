import Testing

@testable import PlaybooksDurability

/// What the `journal` fuzz target found: a journal torn inside a record whose payload holds a complete frame
/// with a valid checksum is refused as damage (exit 4 for `resume`), not read as a torn tail. The scanner cannot
/// tell those bytes from a damaged length field followed by intact records, and refusing loses nothing; this pins
/// that choice, and that the same journal cut elsewhere still reads as a torn tail.
struct JournalEmbeddedFrameTests {
    let id = ExecutionID(unchecked: "embedded")

    /// A journal of two records, the second of whose payloads is a whole frame (of a record numbered 9).
    func journal() -> (bytes: [UInt8], first: JournalRecord, secondStart: Int) {
        var inner: [UInt8] = []
        JournalFrame.encode(JournalRecord(sequence: 9, kind: 1, payload: Array("inner".utf8)), into: &inner)
        let first = JournalRecord(sequence: 1, kind: 1, payload: Array("first".utf8))
        let second = JournalRecord(sequence: 2, kind: 1, payload: Array("x".utf8) + inner + Array("y".utf8))
        var bytes = JournalFileHeader(baseSequence: 0).encoded()
        JournalFrame.encode(first, into: &bytes)
        let secondStart = bytes.count
        JournalFrame.encode(second, into: &bytes)
        return (bytes, first, secondStart)
    }

    @Test func tornInsideTheEmbeddedFrameIsRefusedAsDamage() throws {
        let (bytes, _, secondStart) = journal()
        // Cut after the embedded frame (which starts 21 bytes into the second frame) but before the record ends.
        let cut = bytes.count - 1
        #expect(cut > secondStart + JournalFrame.headerSize + 1)
        #expect(throws: StoreError.self) {
            try JournalScan.scan(Array(bytes[..<cut]), id: id, file: "journal", collectingFrom: 1)
        }
    }

    @Test func tornBeforeTheEmbeddedFrameEndsIsATornTail() throws {
        let (bytes, first, secondStart) = journal()
        let cut = secondStart + JournalFrame.headerSize + 5
        let scan = try JournalScan.scan(Array(bytes[..<cut]), id: id, file: "journal", collectingFrom: 1)
        #expect(scan.records == [first])
        #expect(scan.damagedTail?.lastIntactSequence == 1)
    }

    @Test func theWholeJournalReadsBothRecords() throws {
        let (bytes, first, _) = journal()
        let scan = try JournalScan.scan(bytes, id: id, file: "journal", collectingFrom: 1)
        #expect(scan.records.count == 2)
        #expect(scan.records.first == first)
        #expect(scan.damagedTail == nil)
    }
}
