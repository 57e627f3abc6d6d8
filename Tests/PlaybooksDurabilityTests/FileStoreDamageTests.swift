import Foundation
import Testing

@testable import PlaybooksDurability

/// Torn writes, bit flips and unknown formats in the files store's own files.
@Suite("Files store damage")
struct FileStoreDamageTests {
    static let payloadSize = 30
    static let frameSize = JournalFrame.headerSize + payloadSize

    @Test func everyTruncationOfTheLastFrameIsADamagedTail() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try FileCheckpointStore(directory: dir.path, failpoints: Failpoints())
        for k in 1..<Self.frameSize {
            let id = try await makeExecution(store, "cut-\(k)", records: 3, size: Self.payloadSize)
            let path = store.journalPath(id)
            #expect(try await store.lastSequence(id) == 3)  // cached before the damage
            try editFile(path) { $0.removeLast(k) }

            let read = try await store.readJournal(id, from: 1)
            #expect(read.records == makeRecords(1...2, size: Self.payloadSize), "cut \(k)")
            #expect(read.damagedTail?.lastIntactSequence == 2, "cut \(k)")
            #expect(try await store.lastSequence(id) == 2)

            let again = makeRecords(3...4, size: Self.payloadSize)
            try await store.append(again, to: id)
            let healed = try await store.readJournal(id, from: 1)
            #expect(healed == JournalRead(records: makeRecords(1...4, size: Self.payloadSize)), "cut \(k)")
            let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int
            #expect(size == JournalFileHeader.size + 4 * Self.frameSize)
        }
    }

    @Test func cuttingAWholeFrameLeavesACleanShorterJournal() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try FileCheckpointStore(directory: dir.path, failpoints: Failpoints())
        let id = try await makeExecution(store, "whole", records: 3, size: Self.payloadSize)
        try editFile(store.journalPath(id)) { $0.removeLast(Self.frameSize) }
        #expect(try await store.readJournal(id, from: 1) == JournalRead(records: makeRecords(1...2, size: Self.payloadSize)))
        await #expect(throws: StoreError.sequenceConflict(id, expected: 3, got: 4)) {
            try await store.append(makeRecords(4...4), to: id)
        }
    }

    /// Byte offsets within frame `index` (0-based) of a journal of 30-byte payloads, but the
    /// format-version byte (a changed version reads as a newer format, tested separately).
    static func offsets(ofFrame index: Int) -> [Int] {
        let start = JournalFileHeader.size + index * frameSize
        return (start..<(start + frameSize)).filter { $0 != start + 2 }
    }

    @Test func aFlippedByteInTheMiddleIsCorruptionAtThatRecord() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try FileCheckpointStore(directory: dir.path, failpoints: Failpoints())
        for offset in Self.offsets(ofFrame: 1) {
            let id = try await makeExecution(store, "flip-middle-\(offset)", records: 3, size: Self.payloadSize)
            try editFile(store.journalPath(id)) { $0[offset] ^= 0xFF }
            do {
                let read = try await store.readJournal(id, from: 1)
                Issue.record("offset \(offset): read \(read.records.count) records without an error")
            } catch {
                guard case .corrupted(let cid, let sequence, let detail) = error else {
                    Issue.record("offset \(offset): expected corrupted, got \(error)")
                    continue
                }
                #expect(cid == id)
                #expect(sequence == 2, "offset \(offset)")
                #expect(detail.contains(store.journalPath(id)))
            }
        }
    }

    @Test func aFlippedByteInTheLastRecordIsADamagedTail() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try FileCheckpointStore(directory: dir.path, failpoints: Failpoints())
        for offset in Self.offsets(ofFrame: 2) {
            let id = try await makeExecution(store, "flip-last-\(offset)", records: 3, size: Self.payloadSize)
            try editFile(store.journalPath(id)) { $0[offset] ^= 0xFF }
            let read = try await store.readJournal(id, from: 1)
            #expect(read.records == makeRecords(1...2, size: Self.payloadSize), "offset \(offset)")
            #expect(read.damagedTail?.lastIntactSequence == 2, "offset \(offset)")
            try await store.append(makeRecords(3...3, size: Self.payloadSize), to: id)
            #expect(try await store.readJournal(id, from: 1) == JournalRead(records: makeRecords(1...3, size: Self.payloadSize)))
        }
    }

    @Test func unknownFormatVersionsNameTheFile() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try FileCheckpointStore(directory: dir.path, failpoints: Failpoints())

        let newerJournal = try await makeExecution(store, "newer-journal", records: 2)
        try editFile(store.journalPath(newerJournal)) { $0[4] = 9 }
        await expectUnsupported(naming: store.journalPath(newerJournal)) { try await store.readJournal(newerJournal, from: 1) }

        let newerFrame = try await makeExecution(store, "newer-frame", records: 2)
        try editFile(store.journalPath(newerFrame)) { $0[JournalFileHeader.size + Self.frameSize + 2] = 2 }
        await expectUnsupported(naming: store.journalPath(newerFrame)) { try await store.readJournal(newerFrame, from: 1) }

        let newerSnapshot = try await makeExecution(store, "newer-snapshot")
        try await store.writeSnapshot(SnapshotRecord(sequence: 0, bytes: [1, 2]), for: newerSnapshot)
        try editFile(store.snapshotPath(newerSnapshot, 0)) { $0[4] = 7 }
        await expectUnsupported(naming: store.snapshotPath(newerSnapshot, 0)) {
            try await store.latestSnapshot(newerSnapshot, atOrBefore: 5)
        }

        let marker = "\(dir.path)/\(FileCheckpointStore.markerName)"
        try Data("playbooks files store 2\n".utf8).write(to: URL(fileURLWithPath: marker))
        await expectUnsupported(naming: marker) { try FileCheckpointStore(directory: dir.path, failpoints: Failpoints()) }
    }

    @Test func aTornWriteLeavesHalfARecordThatTheNextAppendReplaces() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let crashes = CrashCounter()
        let store = try FileCheckpointStore(
            directory: dir.path, durability: .machine, failpoints: Failpoints(entries: [.tornWrite: [3]]), crash: crashes.closure)
        let id = try await makeExecution(store, "torn", records: 1, size: Self.payloadSize)
        await #expect(throws: StoreError.unavailable("crashed by failpoint torn-write:3")) {
            try await store.append(makeRecords(2...4, size: Self.payloadSize), to: id)
        }
        #expect(crashes.crashes == 1)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: store.journalPath(id)))
        #expect(bytes.count == JournalFileHeader.size + 2 * Self.frameSize + Self.frameSize / 2)

        let restarted = try FileCheckpointStore(directory: dir.path, durability: .machine, failpoints: Failpoints())
        let read = try await restarted.readJournal(id, from: 1)
        #expect(read.records == makeRecords(1...2, size: Self.payloadSize))
        #expect(read.damagedTail?.lastIntactSequence == 2)
        try await restarted.append(makeRecords(3...4, size: Self.payloadSize), to: id)
        #expect(try await restarted.readJournal(id, from: 1) == JournalRead(records: makeRecords(1...4, size: Self.payloadSize)))
    }

    @Test func aDirectoryInTheWayIsUnavailable() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let file = "\(dir.path)/plain-file"
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        do {
            _ = try FileCheckpointStore(directory: "\(file)/store", failpoints: Failpoints())
            Issue.record("a store under a plain file opened")
        } catch {
            guard case .unavailable(let message) = error else { return #expect(Bool(false), "got \(error)") }
            #expect(message.contains(file))
        }
    }
}

/// Expects `body` to throw ``StoreError/unsupportedFormat(_:)`` with a message that contains `path`.
func expectUnsupported<T>(
    naming path: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> T
) async {
    do {
        _ = try await body()
        Issue.record("expected unsupportedFormat naming \(path)", sourceLocation: sourceLocation)
    } catch {
        guard let error = error as? StoreError, case .unsupportedFormat(let message) = error else {
            Issue.record("expected unsupportedFormat, got \(error)", sourceLocation: sourceLocation)
            return
        }
        #expect(message.contains(path), sourceLocation: sourceLocation)
    }
}
