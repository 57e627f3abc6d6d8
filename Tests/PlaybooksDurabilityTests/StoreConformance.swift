import Foundation
import PlaybooksStores
import Testing

@testable import PlaybooksDurability
@testable import PlaybooksPostgres

/// The contract of ``CheckpointStore``, run against every store kind (and both durability levels
/// where it matters). A new store joins by adding a case to ``StoreKind``.
@Suite("Store conformance")
struct StoreConformance {
    /// Every store at every level it offers (the memory store has one: `process`).
    static let everyStoreAndLevel: [(StoreKind, DurabilityLevel)] =
        StoreKind.persistent.flatMap { kind in DurabilityLevel.allCases.map { (kind, $0) } } + [(.memory, .process)]
    static let persistentStoresAndLevels = everyStoreAndLevel.filter { $0.0 != .memory }

    @Test(arguments: everyStoreAndLevel)
    func executionsAreCreatedLoadedUpdatedAndListed(kind: StoreKind, durability: DurabilityLevel) async throws {
        let fixture = StoreFixture(kind: kind)
        defer { fixture.remove() }
        let store = try fixture.open(durability: durability)
        let older = makeInfo(makeID("b-older"), createdAt: Date(timeIntervalSinceReferenceDate: 1000.5))
        var newer = makeInfo(makeID("a-newer"), createdAt: Date(timeIntervalSinceReferenceDate: 2000.125))

        #expect(try await store.listExecutions().isEmpty)
        try await store.createExecution(newer)
        try await store.createExecution(older)
        #expect(try await store.loadExecution(newer.id) == newer)
        #expect(try await store.loadExecution(makeID("missing")) == nil)
        await #expect(throws: StoreError.executionExists(newer.id)) { try await store.createExecution(newer) }

        newer.status = .waiting
        newer.updatedAt = Date(timeIntervalSinceReferenceDate: 3000)
        newer.attributes["waitingFor"] = "user"
        try await store.updateExecution(newer)
        #expect(try await store.loadExecution(newer.id) == newer)
        let ghost = makeInfo(makeID("ghost"))
        await #expect(throws: StoreError.executionNotFound(ghost.id)) { try await store.updateExecution(ghost) }

        #expect(try await store.listExecutions() == [older, newer])
        #expect(store.durability == durability)
        #expect(store.location == fixture.location?.description ?? "memory:")
    }

    @Test(arguments: everyStoreAndLevel)
    func appendsContinueTheJournalAndReadBack(kind: StoreKind, durability: DurabilityLevel) async throws {
        let fixture = StoreFixture(kind: kind)
        defer { fixture.remove() }
        let store = try fixture.open(durability: durability)
        let id = try await makeExecution(store, "journal")
        #expect(try await store.lastSequence(id) == 0)
        #expect(try await store.readJournal(id, from: 1) == JournalRead(records: []))

        try await store.append(makeRecords(1...1), to: id)
        try await store.append(makeRecords(2...4), to: id)
        try await store.append([], to: id)
        let empty = JournalRecord(sequence: 5, kind: 255, payload: [])
        let large = JournalRecord(sequence: 6, kind: 0, payload: (0..<70_000).map { UInt8(truncatingIfNeeded: $0) })
        try await store.append([empty, large], to: id)

        #expect(try await store.lastSequence(id) == 6)
        let all = try await store.readJournal(id, from: 1)
        #expect(all.records == makeRecords(1...4) + [empty, large])
        #expect(all.damagedTail == nil)
        #expect(try await store.readJournal(id, from: 3).records == makeRecords(3...4) + [empty, large])
        #expect(try await store.readJournal(id, from: 7).records.isEmpty)
        #expect(try await store.readJournal(id, from: -5).records.count == 6)
    }

    @Test(arguments: StoreKind.allCases)
    func unknownExecutionsAreReportedByEveryOperation(kind: StoreKind) async throws {
        let fixture = StoreFixture(kind: kind)
        defer { fixture.remove() }
        let store = try fixture.open()
        let id = makeID("nobody")
        let notFound = StoreError.executionNotFound(id)
        await #expect(throws: notFound) { try await store.append(makeRecords(1...1), to: id) }
        await #expect(throws: notFound) { try await store.append([], to: id) }
        await #expect(throws: notFound) { try await store.readJournal(id, from: 1) }
        await #expect(throws: notFound) { try await store.lastSequence(id) }
        await #expect(throws: notFound) { try await store.writeSnapshot(SnapshotRecord(sequence: 0, bytes: [1]), for: id) }
        await #expect(throws: notFound) { try await store.latestSnapshot(id, atOrBefore: 10) }
        await #expect(throws: notFound) { try await store.snapshotSequences(id) }
        await #expect(throws: notFound) { try await store.prune(id, keepingFrom: 1) }
    }

    @Test(arguments: StoreKind.allCases)
    func appendsThatDoNotContinueTheJournalConflictAndWriteNothing(kind: StoreKind) async throws {
        let fixture = StoreFixture(kind: kind)
        defer { fixture.remove() }
        let store = try fixture.open()
        let id = try await makeExecution(store, "conflicts", records: 2)
        await #expect(throws: StoreError.sequenceConflict(id, expected: 3, got: 5)) { try await store.append(makeRecords(5...5), to: id) }
        await #expect(throws: StoreError.sequenceConflict(id, expected: 3, got: 2)) { try await store.append(makeRecords(2...3), to: id) }
        await #expect(throws: StoreError.sequenceConflict(id, expected: 3, got: 1)) { try await store.append(makeRecords(1...1), to: id) }
        let gapInside = makeRecords(3...3) + makeRecords(5...5)
        await #expect(throws: StoreError.sequenceConflict(id, expected: 4, got: 5)) { try await store.append(gapInside, to: id) }
        #expect(try await store.lastSequence(id) == 2)
        #expect(try await store.readJournal(id, from: 1).records == makeRecords(1...2))
        try await store.append(makeRecords(3...4), to: id)
        #expect(try await store.readJournal(id, from: 1).records == makeRecords(1...4))
    }

    @Test(arguments: everyStoreAndLevel)
    func snapshotsAreFoundAtOrBeforeASequence(kind: StoreKind, durability: DurabilityLevel) async throws {
        let fixture = StoreFixture(kind: kind)
        defer { fixture.remove() }
        let store = try fixture.open(durability: durability)
        let id = try await makeExecution(store, "snapshots", records: 6)
        #expect(try await store.latestSnapshot(id, atOrBefore: 100) == nil)
        #expect(try await store.snapshotSequences(id) == [])
        let snaps = [0, 3, 6].map { SnapshotRecord(sequence: $0, bytes: Array(repeating: UInt8($0), count: 100 + $0)) }
        for s in snaps { try await store.writeSnapshot(s, for: id) }
        #expect(try await store.snapshotSequences(id) == [0, 3, 6])
        #expect(try await store.latestSnapshot(id, atOrBefore: 100) == snaps[2])
        #expect(try await store.latestSnapshot(id, atOrBefore: 6) == snaps[2])
        #expect(try await store.latestSnapshot(id, atOrBefore: 5) == snaps[1])
        #expect(try await store.latestSnapshot(id, atOrBefore: 0) == snaps[0])
        #expect(try await store.latestSnapshot(id, atOrBefore: -1) == nil)
        let replaced = SnapshotRecord(sequence: 3, bytes: [9, 9, 9])
        try await store.writeSnapshot(replaced, for: id)
        #expect(try await store.latestSnapshot(id, atOrBefore: 4) == replaced)
        let empty = SnapshotRecord(sequence: 4, bytes: [])
        try await store.writeSnapshot(empty, for: id)
        #expect(try await store.latestSnapshot(id, atOrBefore: 5) == empty)
    }

    /// (The memory store keeps no bytes that could be damaged.)
    @Test(arguments: StoreKind.persistent)
    func aDamagedSnapshotIsSkippedForAnOlderOne(kind: StoreKind) async throws {
        let fixture = StoreFixture(kind: kind)
        defer { fixture.remove() }
        let store = try fixture.open()
        let id = try await makeExecution(store, "damaged-snapshot", records: 6)
        let snaps = [2, 5].map { SnapshotRecord(sequence: $0, bytes: Array(repeating: 7, count: 64)) }
        for s in snaps { try await store.writeSnapshot(s, for: id) }
        try await damageSnapshot(store, id, sequence: 5)
        #expect(try await store.latestSnapshot(id, atOrBefore: 100) == snaps[0])
        #expect(try await store.snapshotSequences(id) == [2])
    }

    @Test(arguments: everyStoreAndLevel)
    func pruneDropsOldRecordsAndSnapshotsAndKeepsTheSequence(kind: StoreKind, durability: DurabilityLevel) async throws {
        let fixture = StoreFixture(kind: kind)
        defer { fixture.remove() }
        let store = try fixture.open(durability: durability)
        let id = try await makeExecution(store, "prune", records: 10)
        for n in [2, 5, 8] { try await store.writeSnapshot(SnapshotRecord(sequence: n, bytes: [UInt8(n)]), for: id) }

        try await store.prune(id, keepingFrom: 5)
        #expect(try await store.readJournal(id, from: 1).records == makeRecords(5...10))
        #expect(try await store.snapshotSequences(id) == [5, 8])
        #expect(try await store.lastSequence(id) == 10)
        try await store.append(makeRecords(11...11), to: id)

        try await store.prune(id, keepingFrom: 100)
        #expect(try await store.readJournal(id, from: 1).records.isEmpty)
        #expect(try await store.snapshotSequences(id) == [])
        #expect(try await store.lastSequence(id) == 11)
        await #expect(throws: StoreError.sequenceConflict(id, expected: 12, got: 1)) { try await store.append(makeRecords(1...1), to: id) }
        try await store.append(makeRecords(12...13), to: id)
        #expect(try await store.readJournal(id, from: 1).records == makeRecords(12...13))

        let reopened = try fixture.open(durability: durability)
        #expect(try await reopened.lastSequence(id) == 13)
        #expect(try await reopened.readJournal(id, from: 1).records == makeRecords(12...13))
    }

    @Test(arguments: StoreKind.allCases)
    func aLockHasOneHolderUntilReleased(kind: StoreKind) throws {
        let fixture = StoreFixture(kind: kind)
        defer { fixture.remove() }
        let store = try fixture.open()
        let other = try fixture.open()
        let id = makeID("locked")
        let lock = try store.lock(id)
        #expect(lock.executionID == id)
        for contender in [store, other] {
            do {
                _ = try contender.lock(id)
                Issue.record("a second lock on \(id) was granted")
            } catch {
                guard case .locked(let lockedID, let holder) = error else {
                    Issue.record("expected locked, got \(error)")
                    continue
                }
                #expect(lockedID == id)
                #expect(holder.contains("pid \(getpid()) on host"))
            }
        }
        let unrelated = try other.lock(makeID("unrelated"))
        lock.release()
        lock.release()  // twice is harmless
        let retaken = try other.lock(id)
        retaken.release()
        unrelated.release()

        do { _ = try store.lock(id) }  // dropped at once: deinit releases
        try store.lock(id).release()
    }

    /// (The memory store has no location to reopen: nothing of it outlives the process.)
    @Test(arguments: persistentStoresAndLevels)
    func aReopenedStoreSeesEverything(kind: StoreKind, durability: DurabilityLevel) async throws {
        let fixture = StoreFixture(kind: kind)
        defer { fixture.remove() }
        let info: ExecutionInfo
        let id: ExecutionID
        do {
            let store = try fixture.open(durability: durability)
            id = try await makeExecution(store, "reopen", records: 5)
            info = try #require(try await store.loadExecution(id))
            try await store.writeSnapshot(SnapshotRecord(sequence: 4, bytes: [4, 4]), for: id)
        }
        // A new store object on the same data (for PostgreSQL with the tests' long timeout: a loaded
        // CI machine kept the server from answering within the default 10 s; `openStore` on a
        // location is tested by itself).
        let store = try fixture.open(durability: durability)
        #expect(try await store.listExecutions() == [info])
        #expect(try await store.lastSequence(id) == 5)
        #expect(try await store.readJournal(id, from: 1).records == makeRecords(1...5))
        #expect(try await store.latestSnapshot(id, atOrBefore: 10) == SnapshotRecord(sequence: 4, bytes: [4, 4]))
        try await store.append(makeRecords(6...7), to: id)
        #expect(try await store.readJournal(id, from: 6).records == makeRecords(6...7))
    }

    @Test(arguments: StoreKind.allCases)
    func anotherStoreOnTheSameDataSeesAppendsAndPrunes(kind: StoreKind) async throws {
        // Two store objects on the same data stand for two processes taking turns under the lock.
        let fixture = StoreFixture(kind: kind)
        defer { fixture.remove() }
        let first = try fixture.open()
        let second = try fixture.open()
        let id = try await makeExecution(first, "two-writers", records: 2)
        #expect(try await second.lastSequence(id) == 2)
        try await second.append(makeRecords(3...4), to: id)
        #expect(try await first.lastSequence(id) == 4)
        try await first.append(makeRecords(5...5), to: id)
        try await second.prune(id, keepingFrom: 3)
        try await first.append(makeRecords(6...6), to: id)
        #expect(try await second.readJournal(id, from: 1).records == makeRecords(3...6))
        #expect(try await first.readJournal(id, from: 1).records == makeRecords(3...6))
    }

    @Test(arguments: everyStoreAndLevel)
    func concurrentAppendsOfManyExecutionsAllLand(kind: StoreKind, durability: DurabilityLevel) async throws {
        let fixture = StoreFixture(kind: kind)
        defer { fixture.remove() }
        let store = try fixture.open(durability: durability)
        var ids: [ExecutionID] = []
        for n in 0..<20 { ids.append(try await makeExecution(store, "parallel-\(n)")) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for id in ids {
                group.addTask {
                    for n in 1...5 { try await store.append(makeRecords(n...n), to: id) }
                }
            }
            try await group.waitForAll()
        }
        for id in ids { #expect(try await store.readJournal(id, from: 1).records == makeRecords(1...5)) }
    }

    @Test func locationsOpenTheirStoreKind() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let files = try openStore(StoreLocation(parsing: "files:\(dir.path)/f"), durability: .machine, failpoints: Failpoints())
        #expect(files is FileCheckpointStore)
        #expect(files.location == "files:\(dir.path)/f")
        let sqlite = try openStore(StoreLocation(parsing: "sqlite:\(dir.path)/s/state.db"), durability: .process, failpoints: Failpoints())
        #expect(sqlite is SQLiteCheckpointStore)
        #expect(sqlite.location == "sqlite:\(dir.path)/s/state.db")
    }
}

/// Spoils the stored snapshot `sequence` of `id` so that its checksum fails.
func damageSnapshot(_ store: any CheckpointStore, _ id: ExecutionID, sequence: Int) async throws {
    switch store {
    case let files as FileCheckpointStore:
        try editFile(files.snapshotPath(id, sequence)) { $0[$0.count - 1] ^= 0xFF }
    case let sqlite as SQLiteCheckpointStore:
        try sqlite.executeRawSQLForTesting(
            "UPDATE snapshots SET bytes = X'00112233' WHERE execution_id = '\(id.rawValue)' AND sequence = \(sequence)")
    case let postgres as PostgresCheckpointStore:
        try await postgres.executeRawSQLForTesting(
            "UPDATE \(postgres.schema.snapshots) SET bytes = '\\x00112233'::bytea WHERE execution_id = '\(id.rawValue)' AND sequence = \(sequence)"
        )
    default:
        Issue.record("no snapshot damage for \(type(of: store))")
    }
}
