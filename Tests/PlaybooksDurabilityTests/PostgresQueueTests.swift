import Foundation
import PlaybooksTestSupport
import Testing

@testable import PlaybooksDurability
@testable import PlaybooksPostgres

/// The worker queue of the PostgreSQL store: claims, leases, fencing tokens, releases, wake-ups,
/// and the migration of a version 1 database.
@Suite("PostgreSQL worker queue")
struct PostgresQueueTests {
    static func submit(_ store: PostgresCheckpointStore, _ name: String) async throws -> ExecutionID {
        let id = makeID(name)
        try await store.submit(makeInfo(id), programText: "# Agent\n")
        return id
    }

    /// Makes the lease of `id` run out now: time passing, without sleeping (which a loaded machine
    /// stretches unpredictably).
    static func expire(_ store: PostgresCheckpointStore, _ id: ExecutionID) async throws {
        try await store.executeRawSQLForTesting(
            "UPDATE \(store.schema.executions) SET lease_expires_at = now() - interval '1 second' WHERE id = '\(id.rawValue)'")
    }

    @Test func concurrentClaimsNeverHandOneExecutionToTwoWorkers() async throws {
        let fixture = StoreFixture(kind: .postgres)
        let store = try PostgresStoreTests.makeStore(fixture)
        for n in 0..<60 { _ = try await Self.submit(store, "claim-\(n)") }
        let claimed = try await withThrowingTaskGroup(of: [Lease].self) { group in
            for worker in 0..<4 {
                let other = try PostgresStoreTests.makeStore(fixture)
                group.addTask {
                    var mine: [Lease] = []
                    while true {
                        let leases = try await other.claim(owner: "w\(worker)", limit: 7, leaseDuration: .seconds(60))
                        if leases.isEmpty { return mine }
                        mine += leases
                    }
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(claimed.count == 60)
        #expect(Set(claimed.map(\.executionID)).count == 60)
        #expect(claimed.allSatisfy { $0.token == 1 })
        #expect(try await store.claim(owner: "late", limit: 10, leaseDuration: .seconds(60)).isEmpty)
    }

    @Test func aTakenOverLeaseCannotWriteAnything() async throws {
        let store = try PostgresStoreTests.makeStore(StoreFixture(kind: .postgres))
        let id = try await Self.submit(store, "fenced")
        let first = try #require(try await store.claim(owner: "A", limit: 1, leaseDuration: .seconds(60)).first)
        let a = store.fenced(by: first)
        try await a.append(makeRecords(1...2), to: id)
        #expect(try await store.claim(owner: "B", limit: 1, leaseDuration: .seconds(60)).isEmpty)
        try await Self.expire(store, id)
        let second = try #require(try await store.claim(owner: "B", limit: 1, leaseDuration: .seconds(60)).first)
        #expect(second.token == first.token + 1)
        let b = store.fenced(by: second)

        await #expect(throws: StoreError.self) { try await a.append(makeRecords(3...3), to: id) }
        do {
            try await a.append(makeRecords(3...3), to: id)
        } catch {
            guard case .leaseLost(let lost, let detail) = error else { throw error }
            #expect(lost == id)
            #expect(detail.contains("superseded") && detail.contains("B"))
        }
        await #expect(throws: StoreError.self) { try await a.writeSnapshot(SnapshotRecord(sequence: 2, bytes: [1]), for: id) }
        await #expect(throws: StoreError.self) { try await a.updateExecution(makeInfo(id)) }
        await #expect(throws: StoreError.self) { try await a.prune(id, keepingFrom: 2) }
        #expect(try await store.renew([first], leaseDuration: .seconds(60)) == [id])

        try await b.append(makeRecords(3...4), to: id)
        try await b.writeSnapshot(SnapshotRecord(sequence: 4, bytes: [9]), for: id)
        #expect(try await store.readJournal(id, from: 1).records.map(\.sequence) == [1, 2, 3, 4])
        #expect(try await store.snapshotSequences(id) == [4])
        let tokens = try await store.rowsForTesting(
            "SELECT sequence::text, token::text FROM \(store.schema.journal) WHERE execution_id = '\(id.rawValue)' ORDER BY sequence")
        #expect(tokens == [["1", "1"], ["2", "1"], ["3", "2"], ["4", "2"]])
    }

    @Test func anExpiredLeaseCannotWriteEvenBeforeATakeover() async throws {
        let store = try PostgresStoreTests.makeStore(StoreFixture(kind: .postgres))
        let id = try await Self.submit(store, "expired")
        let lease = try #require(try await store.claim(owner: "A", limit: 1, leaseDuration: .seconds(60)).first)
        try await Self.expire(store, id)
        do {
            try await store.fenced(by: lease).append(makeRecords(1...1), to: id)
            Issue.record("an expired lease appended")
        } catch {
            guard case .leaseLost(_, let detail) = error else { throw error }
            #expect(detail.contains("expired"))
        }
        #expect(try await store.renew([lease], leaseDuration: .seconds(60)) == [id])
        #expect(try await store.lastSequence(id) == 0)
    }

    @Test func heartbeatsKeepALeaseAndPlainWritesAreRefusedForQueuedExecutions() async throws {
        let store = try PostgresStoreTests.makeStore(StoreFixture(kind: .postgres))
        let id = try await Self.submit(store, "renewed")
        let first = try #require(try await store.claim(owner: "A", limit: 1, leaseDuration: .seconds(30)).first)
        try await Self.expire(store, id)
        #expect(try await store.renew([first], leaseDuration: .seconds(60)) == [id])  // too late
        let lease = try #require(try await store.claim(owner: "A", limit: 1, leaseDuration: .seconds(30)).first)
        #expect(lease.token == 2)
        #expect(try await store.renew([lease], leaseDuration: .seconds(600)).isEmpty)
        let left = try await store.rowsForTesting(
            "SELECT (lease_expires_at - now() > interval '500 seconds')::text FROM \(store.schema.executions)")
        #expect(left == [["true"]])  // the heartbeat set the expiry from now
        try await store.fenced(by: lease).append(makeRecords(1...1), to: id)
        #expect(try await store.claim(owner: "B", limit: 1, leaseDuration: .seconds(60)).isEmpty)
        do {
            try await store.append(makeRecords(2...2), to: id)
            Issue.record("a plain append wrote to a queued execution")
        } catch {
            guard case .locked(let locked, let holder) = error else { throw error }
            #expect(locked == id && holder == "worker A")
        }
        await #expect(throws: StoreError.self) { try await store.updateExecution(makeInfo(id)) }
    }

    /// A heartbeat renews many leases while group commits append for the same executions: both lock
    /// the same rows, so they must take them in one order, or PostgreSQL aborts one of them as a
    /// deadlock (an aborted group commit would fail every execution in it). A worker sends
    /// heartbeats with its leases in no particular order.
    @Test func heartbeatsAndGroupCommitsNeverDeadlock() async throws {
        let fixture = StoreFixture(kind: .postgres)
        let store = try PostgresStoreTests.makeStore(fixture)
        let heart = try PostgresStoreTests.makeStore(fixture)
        for n in 0..<24 { _ = try await Self.submit(store, "beat-\(n)") }
        let leases = try await store.claim(owner: "A", limit: 24, leaseDuration: .seconds(600))
        #expect(leases.count == 24)
        let rounds = 150
        let appending = Locked(leases.count)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for lease in leases {
                let fenced = store.fenced(by: lease)
                group.addTask {
                    for n in 1...rounds { try await fenced.append(makeRecords(n...n), to: lease.executionID) }
                    appending.withLock { $0 -= 1 }
                }
            }
            for _ in 0..<2 {
                group.addTask {
                    while appending.withLock({ $0 }) > 0 {
                        let lost = try await heart.renew(leases.shuffled(), leaseDuration: .seconds(600))
                        #expect(lost.isEmpty)
                    }
                }
            }
            try await group.waitForAll()
        }
        for lease in leases {
            #expect(try await store.readJournal(lease.executionID, from: 1).records.count == rounds)
        }
    }

    @Test func releasedExecutionsGoBackToTheQueueOrLeaveIt() async throws {
        let store = try PostgresStoreTests.makeStore(StoreFixture(kind: .postgres))
        let again = try await Self.submit(store, "again")
        let done = try await Self.submit(store, "done")
        let leases = try await store.claim(owner: "A", limit: 5, leaseDuration: .seconds(60))
        #expect(leases.map(\.executionID) == [again, done])
        for lease in leases { try await store.release(lease, finished: lease.executionID == done) }
        let next = try await store.claim(owner: "B", limit: 5, leaseDuration: .seconds(60))
        #expect(next.map(\.executionID) == [again])
        #expect(next.first?.token == 2)
        // Out of the queue, the execution is an ordinary one again: plain writes work.
        try await store.append(makeRecords(1...1), to: done)
        // A stale lease's release changes nothing.
        try await store.release(leases[0], finished: true)
        #expect(try await store.renew(next, leaseDuration: .seconds(60)).isEmpty)
    }

    @Test func aSubmissionWakesAWaitingWorker() async throws {
        let fixture = StoreFixture(kind: .postgres)
        let worker = try PostgresStoreTests.makeStore(fixture)
        let submitter = try PostgresStoreTests.makeStore(fixture)
        try await worker.prepare()
        await worker.waitForWork(timeout: .seconds(60))  // the first wait returns once listening
        let clock = ContinuousClock()
        let start = clock.now
        async let woken: Void = worker.waitForWork(timeout: .seconds(120))
        try await Task.sleep(for: .milliseconds(200))
        _ = try await Self.submit(submitter, "wake")
        await woken
        // Far below the timeout: the notification woke it (the bound is loose for a loaded machine).
        #expect(clock.now - start < .seconds(60))
        #expect(try await worker.claim(owner: "W", limit: 1, leaseDuration: .seconds(60)).count == 1)
    }

    @Test func aVersion1DatabaseIsMigratedWithItsExecutions() async throws {
        let fixture = StoreFixture(kind: .postgres)
        let old = try PostgresStoreTests.makeStore(fixture)
        let schema = old.schema
        try await old.executeRawSQLForTesting("CREATE SCHEMA \"\(schema.name)\"")
        for statement in schema.migration(to: 1) { try await old.executeRawSQLForTesting(statement) }
        try await old.executeRawSQLForTesting(
            "CREATE TABLE \(schema.versions) (singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton), version integer NOT NULL)")
        try await old.executeRawSQLForTesting("INSERT INTO \(schema.versions) VALUES (true, 1)")
        let json = String(decoding: try ExecutionInfoCoding.encode(makeInfo(makeID("v1-run"))), as: UTF8.self)
        try await old.executeRawSQLForTesting(
            "INSERT INTO \(schema.executions) (id, created_at, info, pruned_through) VALUES ('v1-run', 1, '\(json)', 0)")
        try await old.executeRawSQLForTesting(
            "INSERT INTO \(schema.journal) VALUES ('v1-run', 1, 1, '\\x0102', 0)")

        let store = try PostgresStoreTests.makeStore(fixture)
        #expect(try await store.rowsForTesting("SELECT version::text FROM \(schema.versions)") == [["2"]])
        #expect(try await store.listExecutions().map(\.id.rawValue) == ["v1-run"])
        #expect(try await store.rowsForTesting("SELECT queued::text, token::text FROM \(schema.executions)") == [["false", "0"]])
        let id = try await Self.submit(store, "v2-run")
        #expect(try await store.claim(owner: "W", limit: 5, leaseDuration: .seconds(60)).map(\.executionID) == [id])
    }
}
