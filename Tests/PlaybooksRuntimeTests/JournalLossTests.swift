import Foundation
import PlaybooksDurability
import Testing

@testable import PlaybooksRuntime

/// A journal that lost records which a newer snapshot already covers must never resume "from the
/// start" (that would say every message again): it is damage, named, and nothing is repeated.
@Suite struct JournalLossTests {
    static let loop = """
        @playbook
        async def Main():
            for i in range(30):
                await Say("user", f"message {i}")
            return "done"
        """

    /// Runs the loop until a simulated crash after record 20, with a snapshot every 5 records.
    static func crashedRun(store: any CheckpointStore) async throws -> ExecutionID {
        let runner = try await ExecutionRunner.start(
            program: ExecutionRunnerTests.program(loop), store: store,
            options: RunnerOptions(policy: SnapshotPolicy(everyRecords: 5, journalFraction: 0))
                .with(failpoints: Failpoints(entries: [.crashAfterCheckpoint: [20]])))
        runner.simulatesCrashes = true
        await #expect(throws: ExecutionError.self) { _ = try await runner.run() }
        runner.close()
        let snapshots = try await store.snapshotSequences(runner.id)
        #expect((snapshots.last ?? 0) >= 15, "snapshots at \(snapshots)")
        return runner.id
    }

    /// Copies execution `id` into `target` with its snapshots and only the first `keep` journal records.
    static func copy(_ id: ExecutionID, from source: any CheckpointStore, to target: any CheckpointStore, keep: Int) async throws {
        guard let info = try await source.loadExecution(id) else { throw CancellationError() }
        try await target.createExecution(info)
        let records = try await source.readJournal(id, from: 1).records.filter { $0.sequence <= keep }
        if !records.isEmpty { try await target.append(records, to: id) }
        for s in try await source.snapshotSequences(id) {
            if let snapshot = try await source.latestSnapshot(id, atOrBefore: s), snapshot.sequence == s {
                try await target.writeSnapshot(snapshot, for: id)
            }
        }
    }

    static func expectDamaged(_ id: ExecutionID, store: any CheckpointStore) async {
        do {
            let runner = try await ExecutionRunner.resume(id: id, program: ExecutionRunnerTests.program(loop), store: store)
            var said: [String] = []
            runner.onEvent = { if case .said(let m) = $0 { said.append(m.text) } }
            _ = try await runner.run()
            Issue.record("the resume ran and said \(said.count) messages again")
        } catch {
            guard case .damaged(let named, let detail) = error else {
                Issue.record("expected damage, got \(error)")
                return
            }
            #expect(named == id)
            #expect(detail.contains("lost"), "\(detail)")
            #expect(error.description.contains("execution \(id)"))
        }
    }

    @Test(arguments: [0, 10, 14])
    func aJournalCutBeforeTheNewestSnapshotIsDamage(keep: Int) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("loss-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = MemoryCheckpointStore()
        let id = try await Self.crashedRun(store: source)
        let targets: [any CheckpointStore] = [
            MemoryCheckpointStore(),
            try SQLiteCheckpointStore(path: directory.appendingPathComponent("state.db").path),
            try FileCheckpointStore(directory: directory.appendingPathComponent("files").path),
        ]
        for target in targets {
            try await Self.copy(id, from: source, to: target, keep: keep)
            await Self.expectDamaged(id, store: target)
        }
    }

    @Test func anEmptiedOrDeletedFileJournalIsDamage() async throws {
        for deleting in [false, true] {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("loss-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: directory) }
            let id = try await Self.crashedRun(store: try FileCheckpointStore(directory: directory.path))
            let journal = directory.appendingPathComponent("\(id)/journal")
            try #require(FileManager.default.fileExists(atPath: journal.path))
            if deleting {
                try FileManager.default.removeItem(at: journal)
            } else {
                let header = try Data(contentsOf: journal).prefix(20)  // the file header, no records
                try header.write(to: journal)
            }
            await Self.expectDamaged(id, store: try FileCheckpointStore(directory: directory.path))
        }
    }

    @Test func anIntactJournalStillResumesWithoutRepeating() async throws {
        let store = MemoryCheckpointStore()
        let id = try await Self.crashedRun(store: store)
        let runner = try await ExecutionRunner.resume(id: id, program: ExecutionRunnerTests.program(Self.loop), store: store)
        var said: [String] = []
        runner.onEvent = { if case .said(let m) = $0 { said.append(m.text) } }
        #expect(try await runner.run() == .finished(ExecutionResult(value: .str("done"), repr: "'done'")))
        #expect(said == (20..<30).map { "message \($0)" })
    }
}
