import Foundation
import Testing

@testable import PlaybooksDurability

/// Damaged rows, torn writes, newer schemas and unusable paths in the SQLite store.
@Suite("SQLite store damage")
struct SQLiteStoreDamageTests {
    static func where_(_ id: ExecutionID, _ sequence: Int) -> String {
        "WHERE execution_id = '\(id.rawValue)' AND sequence = \(sequence)"
    }

    @Test func everyCutOfTheLastPayloadIsADamagedTail() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try SQLiteCheckpointStore(path: "\(dir.path)/state.db", failpoints: Failpoints())
        for k in 0..<30 {
            let id = try await makeExecution(store, "cut-\(k)", records: 3)
            try store.executeRawSQLForTesting("UPDATE journal SET payload = substr(payload, 1, \(k)) \(Self.where_(id, 3))")
            let read = try await store.readJournal(id, from: 1)
            #expect(read.records == makeRecords(1...2), "cut to \(k)")
            #expect(read.damagedTail?.lastIntactSequence == 2, "cut to \(k)")
            #expect(try await store.lastSequence(id) == 2)
            try await store.append(makeRecords(3...4), to: id)
            #expect(try await store.readJournal(id, from: 1) == JournalRead(records: makeRecords(1...4)), "cut to \(k)")
        }
    }

    @Test func aDamagedMiddleRowIsCorruptionAtThatRecord() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try SQLiteCheckpointStore(path: "\(dir.path)/state.db", failpoints: Failpoints())
        let damage = [
            "payload = X'00'", "crc = crc + 1", "kind = 300", "payload = 'text, not a blob'", "crc = 'text'",
        ]
        for (n, change) in damage.enumerated() {
            let id = try await makeExecution(store, "middle-\(n)", records: 3)
            try store.executeRawSQLForTesting("UPDATE OR REPLACE journal SET \(change) \(Self.where_(id, 2))")
            do {
                let read = try await store.readJournal(id, from: 1)
                Issue.record("\(change): read \(read.records.count) records without an error")
            } catch {
                #expect(error == .corrupted(id, sequence: 2, detail: "sqlite:\(store.path): checksum mismatch, followed by intact records"))
            }
            // Reading past the damage is fine.
            #expect(try await store.readJournal(id, from: 3).records == makeRecords(3...3))
        }
    }

    @Test func aDamagedLastRowIsADamagedTailThatTheNextAppendDeletes() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try SQLiteCheckpointStore(path: "\(dir.path)/state.db", failpoints: Failpoints())
        let id = try await makeExecution(store, "last", records: 3)
        try store.executeRawSQLForTesting("UPDATE journal SET payload = 'not a blob' \(Self.where_(id, 3))")
        let read = try await store.readJournal(id, from: 1)
        #expect(read.records == makeRecords(1...2))
        #expect(read.damagedTail == DamagedTail(lastIntactSequence: 2, detail: "record 3 fails its checksum"))
        await #expect(throws: StoreError.sequenceConflict(id, expected: 3, got: 4)) { try await store.append(makeRecords(4...4), to: id) }
        try await store.append(makeRecords(3...3), to: id)
        #expect(try await store.readJournal(id, from: 1) == JournalRead(records: makeRecords(1...3)))
    }

    @Test func aNewerSchemaIsUnsupported() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let path = "\(dir.path)/state.db"
        do {
            let store = try SQLiteCheckpointStore(path: path, failpoints: Failpoints())
            try store.executeRawSQLForTesting("PRAGMA user_version = 99")
        }
        await expectUnsupported(naming: path) { try SQLiteCheckpointStore(path: path, failpoints: Failpoints()) }
    }

    @Test func unusablePathsAreUnavailable() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let plainFile = "\(dir.path)/plain"
        try Data("x".utf8).write(to: URL(fileURLWithPath: plainFile))
        let notADatabase = "\(dir.path)/text.db"
        try Data(String(repeating: "not a database ", count: 100).utf8).write(to: URL(fileURLWithPath: notADatabase))
        for path in [dir.path, "\(plainFile)/state.db", notADatabase] {
            do {
                _ = try SQLiteCheckpointStore(path: path, failpoints: Failpoints())
                Issue.record("\(path) opened as a store")
            } catch {
                guard case .unavailable(let message) = error else {
                    Issue.record("\(path): expected unavailable, got \(error)")
                    continue
                }
                #expect(message.contains(path) || message.contains(plainFile), "\(message)")
            }
        }
    }

    @Test func aTornWriteCommitsHalfAPayloadThatReadsAsADamagedTail() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let path = "\(dir.path)/state.db"
        let crashes = CrashCounter()
        let store = try SQLiteCheckpointStore(
            path: path, durability: .machine, failpoints: Failpoints(entries: [.tornWrite: [3]]), crash: crashes.closure)
        let id = try await makeExecution(store, "torn", records: 1)
        await #expect(throws: StoreError.unavailable("crashed by failpoint torn-write:3")) {
            try await store.append(makeRecords(2...4), to: id)
        }
        #expect(crashes.crashes == 1)

        let restarted = try SQLiteCheckpointStore(path: path, durability: .machine, failpoints: Failpoints())
        let read = try await restarted.readJournal(id, from: 1)
        #expect(read.records == makeRecords(1...2))
        #expect(read.damagedTail?.lastIntactSequence == 2)
        try await restarted.append(makeRecords(3...4), to: id)
        #expect(try await restarted.readJournal(id, from: 1) == JournalRead(records: makeRecords(1...4)))
    }
}
