import Foundation
import PlaybooksRuntime
import PlaybooksTestSupport
import Testing

@testable import PlaybooksDurability
@testable import PlaybooksPostgres

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// PostgreSQL failing under three `playbooks worker` processes: the server killed (`kill -9` of
/// the postmaster) and restarted, connections cut in the middle of transactions, and a worker
/// stopped in the middle of a transaction. Every execution must finish exactly as it does without
/// faults: none lost, no journal position written twice.
///
/// In the suite 60 executions and 2 kills; `PLAYBOOKS_PG_FAULT_EXECUTIONS=200` and
/// `PLAYBOOKS_PG_FAULT_KILLS=N` for the runs recorded in `docs/RELIABILITY.md`. Each test prints
/// its figures on a line starting `pg-faults:`.
@Suite("PostgreSQL faults under workers (real processes)", .serialized)
struct PostgresFaultTests {
    static func report(_ text: String) { print("pg-faults: \(text)") }

    static var kills: Int {
        ProcessInfo.processInfo.environment["PLAYBOOKS_PG_FAULT_KILLS"].flatMap { Int($0) }.map { max(1, $0) } ?? 2
    }

    @Test(.timeLimit(.minutes(25)))
    func serverKilledAndRestartedUnderThreeWorkers() async throws {
        // One suite of worker processes at a time (see ExclusiveGate).
        await ExclusiveGate.postgresWorkers.acquire()
        defer { ExclusiveGate.postgresWorkers.release() }
        let fleet = try await PostgresFaultFleet(label: "kill", count: PostgresFaultFleet.executions(default: 60))
        try fleet.startWorkers()
        let kills = Self.kills
        var firstWrite: [Double] = []
        var allWorkersBack: [Double] = []
        for kill in 1...kills {
            // Strike while the workers are in the middle of the queue.
            let mark = fleet.expectedWrites * kill / (kills + 1)
            let busy = await PostgresFaultFleet.poll(timeout: 300) { await fleet.journalWrites >= mark }
            try #require(busy, "the workers did not get to \(mark) records:\n\(fleet.logs)")
            let postmaster = try #require(fleet.postmasterPID, "no postmaster.pid in \(fleet.server.directory)")
            sendSignal(postmaster, SIGKILL)
            // Down for longer than a lease (2 s): every lease runs out meanwhile.
            try await Task.sleep(for: .seconds(3))
            let restarted = await fleet.restartServer()
            try #require(restarted, "the server did not start again")
            let back = Date()
            // What was committed before the kill (the first answer after the restart), then the first new record.
            var before = -1
            _ = await PostgresFaultFleet.poll(timeout: 60) {
                before = await fleet.journalWrites
                return before >= 0
            }
            let wrote = await PostgresFaultFleet.poll(timeout: 120) { await fleet.journalWrites > before }
            #expect(wrote, "no record written after the restart:\n\(fleet.logs)")
            firstWrite.append(Date().timeIntervalSince(back))
            let everyWorker = await PostgresFaultFleet.poll(timeout: 60) {
                if await fleet.workersHoldingLeases == fleet.workers.count { return true }
                return await fleet.finished > fleet.submitted.count - 20  // too little work left for three
            }
            if everyWorker { allWorkersBack.append(Date().timeIntervalSince(back)) }
        }
        let done = await fleet.finishAndStop(timeout: 400)
        #expect(done, "not every execution finished:\n\(fleet.logs)")
        let figures = try await fleet.verify()
        let seconds = { (values: [Double]) in values.map { String(format: "%.2f", $0) }.joined(separator: ", ") }
        Self.report(
            "server killed \(kills)x under 3 workers: \(figures); first record after the restart in [\(seconds(firstWrite))] s, "
                + "all 3 workers holding leases again in [\(seconds(allWorkersBack))] s")
    }

    @Test(.timeLimit(.minutes(25)))
    func connectionsCutInTheMiddleOfTransactions() async throws {
        // One suite of worker processes at a time (see ExclusiveGate).
        await ExclusiveGate.postgresWorkers.acquire()
        defer { ExclusiveGate.postgresWorkers.release() }
        let fleet = try await PostgresFaultFleet(label: "cut", count: PostgresFaultFleet.executions(default: 60))
        try fleet.startWorkers()
        let total = fleet.submitted.count
        let busy = await PostgresFaultFleet.poll(timeout: 300) { await fleet.journalWrites >= fleet.expectedWrites / 10 }
        try #require(busy, "the workers never got going:\n\(fleet.logs)")
        // Every 200 ms, end every worker session that is inside a transaction, until three quarters
        // of the executions have finished.
        let workers = fleet.workers.map { "'pid \($0.pid) on %'" }.joined(separator: ", ")
        var (cut, betweenStatements, rounds) = (0, 0, 0)
        while await fleet.finished < total * 3 / 4, rounds < 3000 {
            rounds += 1
            let rows = try? await fleet.store.rowsForTesting(
                """
                SELECT count(*)::text, (count(*) FILTER (WHERE state = 'idle in transaction'))::text FROM (
                    SELECT state, pg_terminate_backend(pid) FROM pg_stat_activity
                    WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL
                    AND application_name LIKE ANY (ARRAY[\(workers)])
                ) t
                """)
            if let row = rows?.first, row.count == 2 {
                cut += Int(row[0] ?? "") ?? 0
                betweenStatements += Int(row[1] ?? "") ?? 0
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        #expect(cut > 0, "no connection was cut")
        let done = await fleet.finishAndStop(timeout: 400)
        #expect(done, "not every execution finished:\n\(fleet.logs)")
        let figures = try await fleet.verify()
        Self.report(
            "\(cut) worker connections cut inside a transaction (\(betweenStatements) between two statements of one) "
                + "in \(rounds) rounds: \(figures)")
    }

    /// A worker's group commit locks its executions' rows; its process stops before COMMIT. The
    /// server must end that transaction within the lease, so that another worker takes the
    /// executions over when the lease runs out, not when PostgreSQL's own timeouts end it.
    @Test(.timeLimit(.minutes(25)))
    func aStoppedTransactionReleasesItsRowsWithinTheLease() async throws {
        // One suite of worker processes at a time (see ExclusiveGate).
        await ExclusiveGate.postgresWorkers.acquire()
        defer { ExclusiveGate.postgresWorkers.release() }
        let (_, url) = try CLIWorkerTests.makeStore("stopped")
        // The stopped worker's store gives up on a call after 12 s (a query on a session the server
        // ended waits for that), after the 10 s its transaction stands still.
        var options = TestPostgres.options
        options.timeout = .seconds(12)
        let store = try PostgresCheckpointStore(url: url, options: options)
        try await store.prepare()
        let program = try ExecutionProgram(program: Program(parsing: CLIWorkerTests.program, path: "loops.pb"))
        let id = try await ExecutionRunner.submit(program: program, to: store)
        let lease = try #require(try await store.claim(owner: "stopped worker", limit: 1, leaseDuration: .seconds(2)).first)
        #expect(lease.executionID == id)

        let executions = store.schema.executions
        let locked = Locked(false)
        // The stopped worker: locks the row as an append does, then sends nothing for 10 s.
        let stalled = Task { () -> Bool in
            do {
                try await store.runTransaction { connection in
                    try await connection.query(
                        "SELECT id FROM \(unescaped: executions) WHERE id = \(id.rawValue) FOR UPDATE", logger: store.pool.logger)
                    locked.withLock { $0 = true }
                    try await Task.sleep(for: .seconds(10))
                    try await connection.query("SELECT 1", logger: store.pool.logger)
                }
                return true
            } catch {
                return false
            }
        }
        let lockTaken = await PostgresFaultFleet.poll(timeout: 60) { locked.withLock { $0 } }
        try #require(lockTaken)
        let start = ContinuousClock.now
        let other = try PostgresCheckpointStore(url: url, options: TestPostgres.options)
        #expect(try await other.claim(owner: "other worker", limit: 1, leaseDuration: .seconds(2)).isEmpty)
        var taken: Lease?
        while taken == nil, ContinuousClock.now - start < .seconds(20) {
            taken = try await other.claim(owner: "other worker", limit: 1, leaseDuration: .seconds(2)).first
            if taken == nil { try await Task.sleep(for: .milliseconds(100)) }
        }
        let elapsed = ContinuousClock.now - start
        #expect(taken?.executionID == id && taken?.token == lease.token + 1)
        // The lease ran out 2 s after the claim; the row lock must not hold the takeover back until
        // the stopped transaction's 10 s are over.
        #expect(elapsed < .seconds(6), "taken over after \(elapsed)")
        #expect(await stalled.value == false, "the stopped transaction went on after its session was ended")
        Self.report("a transaction stopped for 10 s with a 2 s lease: taken over after \(elapsed)")
    }
}
