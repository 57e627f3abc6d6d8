import Foundation
import PlaybooksStores
import PlaybooksTestSupport
import Testing

@testable import PlaybooksDurability
@testable import PlaybooksPostgres

/// What only the PostgreSQL store has: URLs, damaged rows written with raw SQL, torn writes, newer
/// schemas, group commit, and a server that goes down and comes back.
@Suite("PostgreSQL store")
struct PostgresStoreTests {
    /// A store in a schema of its own on the test server.
    static func makeStore(
        _ fixture: StoreFixture, durability: DurabilityLevel = .process, failpoints: Failpoints = Failpoints(),
        crash: @escaping @Sendable () -> Void = {}
    ) throws -> PostgresCheckpointStore {
        let store = try fixture.open(durability: durability, failpoints: failpoints, crash: crash)
        return try #require(store as? PostgresCheckpointStore)
    }

    static func where_(_ id: ExecutionID, _ sequence: Int) -> String {
        "WHERE execution_id = '\(id.rawValue)' AND sequence = \(sequence)"
    }

    @Test func urlsAreParsedAndShownWithoutThePassword() throws {
        let url = try PostgresURL(parsing: "postgresql://app:s%40cret@db.example:6543/agents?schema=team_a", environment: [:])
        #expect(url.host == "db.example")
        #expect(url.port == 6543)
        #expect(url.user == "app")
        #expect(url.password == "s@cret")
        #expect(url.database == "agents")
        #expect(url.schema == "team_a")
        #expect(url.redacted == "postgresql://app@db.example:6543/agents?schema=team_a")

        let defaults = try PostgresURL(parsing: "postgres://app@localhost", environment: ["PGPASSWORD": "from-env"])
        #expect(defaults.port == 5432)
        #expect(defaults.database == "app")
        #expect(defaults.schema == "public")
        #expect(defaults.password == "from-env")

        for bad in ["postgres://x", "postgres://@db/agents", "postgresql://app:secret@/agents"] {
            #expect(throws: StoreError.self, "\(bad)") { try checkStoreLocation(StoreLocation(parsing: bad)) }
        }
        let location = try StoreLocation(parsing: "postgres://app:secret@db:5432/agents")
        #expect(location == .url("postgres://app:secret@db:5432/agents"))
        #expect(location.scheme == "postgres")
        try checkStoreLocation(location)
        #expect(location.description == "postgres://app@db:5432/agents")

        for bad in [
            "postgres://app:secret@/agents", "postgres://db:5432/agents", "postgres://app:secret@db/agents?schema=Bad-Name",
            "postgres://app:secret@db/agents?sslmode=verify", "postgres://app:secret@db/a/b",
        ] {
            do {
                _ = try PostgresURL(parsing: bad, environment: [:])
                Issue.record("\(bad) parsed")
            } catch {
                guard case .invalidLocation(let message) = error else {
                    Issue.record("\(bad): expected invalidLocation, got \(error)")
                    continue
                }
                #expect(!message.contains("secret"), "\(message)")
            }
        }
    }

    @Test func openStoreOpensPostgresLocations() throws {
        let fixture = StoreFixture(kind: .postgres)
        _ = try TestPostgres.url()
        let location = try #require(fixture.location)
        let store = try openStore(location, durability: .machine, failpoints: Failpoints())
        #expect(store is PostgresCheckpointStore)
        #expect(store.location == location.description)
        #expect(!store.location.contains(":\(try PostgresURL(parsing: TestPostgres.url()).password ?? "-")@"))
    }

    @Test func everyCutOfTheLastPayloadIsADamagedTail() async throws {
        let store = try Self.makeStore(StoreFixture(kind: .postgres))
        for k in 0..<30 {
            let id = try await makeExecution(store, "cut-\(k)", records: 3)
            try await store.executeRawSQLForTesting(
                "UPDATE \(store.schema.journal) SET payload = substring(payload from 1 for \(k)) \(Self.where_(id, 3))")
            let read = try await store.readJournal(id, from: 1)
            #expect(read.records == makeRecords(1...2), "cut to \(k)")
            #expect(read.damagedTail?.lastIntactSequence == 2, "cut to \(k)")
            #expect(try await store.lastSequence(id) == 2)
            try await store.append(makeRecords(3...4), to: id)
            #expect(try await store.readJournal(id, from: 1) == JournalRead(records: makeRecords(1...4)), "cut to \(k)")
        }
    }

    @Test func aDamagedMiddleRowIsCorruptionAtThatRecord() async throws {
        let store = try Self.makeStore(StoreFixture(kind: .postgres))
        let damage = ["payload = '\\x00'::bytea", "crc = crc + 1", "kind = 300", "kind = -1", "payload = payload || '\\x01'::bytea"]
        for (n, change) in damage.enumerated() {
            let id = try await makeExecution(store, "middle-\(n)", records: 3)
            try await store.executeRawSQLForTesting("UPDATE \(store.schema.journal) SET \(change) \(Self.where_(id, 2))")
            do {
                let read = try await store.readJournal(id, from: 1)
                Issue.record("\(change): read \(read.records.count) records without an error")
            } catch {
                #expect(error == .corrupted(id, sequence: 2, detail: "\(store.location): checksum mismatch, followed by intact records"))
            }
            #expect(try await store.readJournal(id, from: 3).records == makeRecords(3...3))
        }
    }

    @Test func aDamagedLastRowIsADamagedTailThatTheNextAppendDeletes() async throws {
        let store = try Self.makeStore(StoreFixture(kind: .postgres))
        let id = try await makeExecution(store, "last", records: 4)
        // Two damaged rows at the end: both go with the next append.
        try await store.executeRawSQLForTesting("UPDATE \(store.schema.journal) SET crc = crc + 1 \(Self.where_(id, 3))")
        try await store.executeRawSQLForTesting("UPDATE \(store.schema.journal) SET kind = 999 \(Self.where_(id, 4))")
        let read = try await store.readJournal(id, from: 1)
        #expect(read.records == makeRecords(1...2))
        #expect(read.damagedTail == DamagedTail(lastIntactSequence: 2, detail: "record 3 fails its checksum"))
        #expect(try await store.lastSequence(id) == 2)
        await #expect(throws: StoreError.sequenceConflict(id, expected: 3, got: 4)) { try await store.append(makeRecords(4...4), to: id) }
        try await store.append(makeRecords(3...3), to: id)
        #expect(try await store.readJournal(id, from: 1) == JournalRead(records: makeRecords(1...3)))
    }

    @Test func aTornWriteCommitsHalfAPayloadThatReadsAsADamagedTail() async throws {
        let fixture = StoreFixture(kind: .postgres)
        let crashes = CrashCounter()
        let store = try Self.makeStore(
            fixture, durability: .machine, failpoints: Failpoints(entries: [.tornWrite: [3]]), crash: crashes.closure)
        let id = try await makeExecution(store, "torn", records: 1)
        await #expect(throws: StoreError.unavailable("crashed by failpoint torn-write:3")) {
            try await store.append(makeRecords(2...4), to: id)
        }
        #expect(crashes.crashes == 1)

        let restarted = try Self.makeStore(fixture, durability: .machine)
        let read = try await restarted.readJournal(id, from: 1)
        #expect(read.records == makeRecords(1...2))
        #expect(read.damagedTail?.lastIntactSequence == 2)
        try await restarted.append(makeRecords(3...4), to: id)
        #expect(try await restarted.readJournal(id, from: 1) == JournalRead(records: makeRecords(1...4)))
    }

    @Test func aNewerSchemaIsUnsupported() async throws {
        let fixture = StoreFixture(kind: .postgres)
        let store = try Self.makeStore(fixture)
        try await store.prepare()
        try await store.executeRawSQLForTesting("UPDATE \(store.schema.versions) SET version = 99")
        let newer = try Self.makeStore(fixture)
        for attempt in 1...2 {
            do {
                _ = try await newer.listExecutions()
                Issue.record("attempt \(attempt): a version 99 schema was read")
            } catch {
                #expect(
                    error
                        == .unsupportedFormat(
                            "\(newer.location): database schema version 99; this build reads up to \(PostgresSchema.version)"))
            }
        }
    }

    @Test func concurrentAppendsOfManyExecutionsShareTransactions() async throws {
        let store = try Self.makeStore(StoreFixture(kind: .postgres), durability: .machine)
        var ids: [ExecutionID] = []
        for n in 0..<50 { ids.append(try await makeExecution(store, "group-\(n)")) }
        let before = store.transactionCount
        try await withThrowingTaskGroup(of: Void.self) { group in
            for id in ids {
                group.addTask { for n in 1...4 { try await store.append(makeRecords(n...n), to: id) } }
            }
            try await group.waitForAll()
        }
        let transactions = store.transactionCount - before
        #expect(transactions < 200, "\(transactions) transactions for 200 appends")
        for id in ids { #expect(try await store.lastSequence(id) == 4) }
    }

    /// A transaction the server aborts as a deadlock or serialization failure runs again (its
    /// effects were rolled back); any other error, or a conflict that keeps coming, ends it.
    @Test func transactionsAbortedByAConflictRunAgain() async throws {
        let store = try Self.makeStore(StoreFixture(kind: .postgres))
        let id = try await makeExecution(store, "conflict")
        let executions = store.schema.executions
        /// Runs a transaction that sets the execution's `pruned_through` to its attempt number and
        /// then raises `state` on the server while `attempt < failing`; returns the attempts made.
        func attempts(raising state: String, failing: Int) async throws -> Int {
            let count = Locked(0)
            _ = try await store.runTransaction { connection in
                let attempt = count.withLock { count -> Int in
                    count += 1
                    return count
                }
                try await connection.query(
                    "UPDATE \(unescaped: executions) SET pruned_through = \(Int64(attempt)) WHERE id = \(id.rawValue)",
                    logger: store.pool.logger)
                if attempt < failing {
                    try await connection.query(
                        "DO $$ BEGIN RAISE EXCEPTION 'conflict' USING ERRCODE = '\(unescaped: state)'; END $$",
                        logger: store.pool.logger)
                }
                return attempt
            }
            return count.withLock { $0 }
        }
        #expect(try await attempts(raising: "40P01", failing: 3) == 3)
        #expect(try await attempts(raising: "40001", failing: 2) == 2)
        let kept = try await store.rowsForTesting("SELECT pruned_through::text FROM \(executions) WHERE id = '\(id.rawValue)'")
        #expect(kept == [["2"]])  // only the attempt that committed left its change
        await #expect(throws: StoreError.self) {
            _ = try await attempts(raising: "40P01", failing: PostgresConnectionPool.conflictAttempts + 1)
        }
        await #expect(throws: StoreError.self) { _ = try await attempts(raising: "22012", failing: 2) }
        let last = try await store.rowsForTesting("SELECT pruned_through::text FROM \(executions) WHERE id = '\(id.rawValue)'")
        #expect(last == [["2"]])  // the failed transactions changed nothing
    }

    @Test func locksOfTheSameIDInOtherSchemasAreIndependent() throws {
        let first = try Self.makeStore(StoreFixture(kind: .postgres))
        let second = try Self.makeStore(StoreFixture(kind: .postgres))
        let id = makeID("same-id")
        let a = try first.lock(id)
        let b = try second.lock(id)
        #expect(a.executionID == id && b.executionID == id)
        a.release()
        b.release()
    }

    @Test func aServerThatIsDownIsUnavailableAndUsableAgainOnceBack() async throws {
        let server = try await ThrowawayPostgres.startOffThePool().get()
        defer { server.stop() }
        let url = try PostgresURL(parsing: server.url)
        let password = try #require(url.password)
        var options = TestPostgres.options
        options.timeout = .seconds(20)
        let store = try PostgresCheckpointStore(url: url, durability: .machine, failpoints: Failpoints(), options: options)
        let id = try await makeExecution(store, "outage", records: 2)

        await server.pause()
        let clock = ContinuousClock()
        for attempt in 1...2 {
            let started = clock.now
            do {
                try await store.append(makeRecords(3...3), to: id)
                Issue.record("attempt \(attempt): an append to a stopped server succeeded")
            } catch {
                guard case .unavailable(let message) = error else {
                    Issue.record("expected unavailable, got \(error)")
                    continue
                }
                #expect(message.contains("127.0.0.1:\(url.port)"), "\(message)")
                #expect(!message.contains(password), "\(message)")
            }
            #expect(clock.now - started < .seconds(20))  // refused at once, well within the timeout
        }
        do {
            _ = try store.lock(id)
            Issue.record("a lock was taken on a stopped server")
        } catch {
            guard case .unavailable(let message) = error else {
                Issue.record("expected unavailable, got \(error)")
                return
            }
            #expect(message.contains("127.0.0.1:\(url.port)") && !message.contains(password), "\(message)")
        }

        await server.resume()
        try await store.append(makeRecords(3...3), to: id)
        #expect(try await store.readJournal(id, from: 1).records == makeRecords(1...3))
        try store.lock(id).release()
    }
}
