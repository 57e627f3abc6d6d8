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

/// `playbooks worker` and `playbooks submit` as real processes on the test PostgreSQL server:
/// workers killed with SIGKILL, paused with SIGSTOP past their lease, and stopped with SIGTERM.
@Suite("Workers on PostgreSQL (real processes)", .serialized)
struct CLIWorkerTests {
    /// Awaits in loops and in nested playbooks: 1 + 6 x (1 + 8) + 6 = 61 journal records.
    static let program = """
        # LoopAgent
        Sums squares in batches, one await per step and per message.

        ```python
        @playbook
        async def Main():
            await Step("Main:01:EXE")
            total = 0
            for batch in range(6):
                part = await Batch(batch)
                total += part
                await Say("user", f"batch {batch}: {part} (total {total})")
            return total


        @playbook
        async def Batch(n):
            await Step("Batch:01:EXE")
            acc = 0
            i = 0
            while i < 8:
                acc += await Square(n * 8 + i)
                i += 1
            return acc


        @playbook
        async def Square(k):
            await Step("Square:01:EXE")
            return k * k
        ```
        """
    static let recordsPerExecution = 61
    /// sum(k * k for k in range(48)), from python3.
    static let result = "35720"

    /// A store in a fresh schema of the test server, and its URL for the workers.
    static func makeStore(_ label: String) throws -> (PostgresCheckpointStore, String) {
        let server = try TestPostgres.url()
        let schema = "workers_\(label)_" + UUID().uuidString.prefix(8).lowercased()
        let url = server + (server.contains("?") ? "&" : "?") + "schema=\(schema)"
        return (try PostgresCheckpointStore(url: url, options: TestPostgres.options), url)
    }

    /// The transcript and result of the program run once, uninterrupted, in memory.
    static func reference(_ program: ExecutionProgram) async throws -> (transcript: [Message], result: String) {
        let runner = try await ExecutionRunner.start(program: program, store: MemoryCheckpointStore())
        guard case .finished(let result) = try await runner.run() else { throw CancellationError() }
        return (runner.state.transcript, result.repr)
    }

    /// The rows of `sql`, whose columns must all be text.
    static func rows(_ store: PostgresCheckpointStore, _ sql: String) async throws -> [[String]] {
        try await store.rowsForTesting(sql).map { $0.map { $0 ?? "NULL" } }
    }

    static func count(_ store: PostgresCheckpointStore, _ sql: String) async throws -> Int {
        Int(try await rows(store, "SELECT (\(sql))::text").first?.first ?? "") ?? -1
    }

    /// Polls `condition` every 100 ms until it holds (true) or `timeout` seconds pass (false).
    static func poll(timeout: TimeInterval, _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    /// Logs every journal insert (which survives pruning) under the token it was written with.
    static func installAudit(_ store: PostgresCheckpointStore) async throws {
        try await store.prepare()
        let schema = "\"\(store.schema.name)\""
        try await store.executeRawSQLForTesting(
            "CREATE TABLE \(schema).audit (execution_id text NOT NULL, sequence bigint NOT NULL, token bigint NOT NULL)")
        try await store.executeRawSQLForTesting(
            """
            CREATE FUNCTION \(schema).audit_insert() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN INSERT INTO \(schema).audit VALUES (NEW.execution_id, NEW.sequence, NEW.token); RETURN NEW; END $$
            """)
        try await store.executeRawSQLForTesting(
            "CREATE TRIGGER audit AFTER INSERT ON \(store.schema.journal) FOR EACH ROW EXECUTE FUNCTION \(schema).audit_insert()")
    }

    static func ownedBy(_ child: Child) -> String { "owner LIKE 'pid \(child.pid) on %'" }

    @Test(.timeLimit(.minutes(25)))
    func threeWorkersFinishEverySubmissionThroughAKillAndAPause() async throws {
        // One suite of worker processes at a time (see ExclusiveGate).
        await ExclusiveGate.postgresWorkers.acquire()
        defer { ExclusiveGate.postgresWorkers.release() }
        let directory = try CLI.temporaryDirectory("workers")
        defer { try? FileManager.default.removeItem(at: directory) }
        let programURL = directory.appendingPathComponent("loops.pb")
        try Self.program.write(to: programURL, atomically: true, encoding: .utf8)
        let program = try ExecutionProgram(program: Program.load(path: programURL.path))
        let reference = try await Self.reference(program)
        #expect(reference.result == Self.result)
        let (store, url) = try Self.makeStore("three")
        try await Self.installAudit(store)
        let executions = store.schema.executions

        let submitted = try CLI.run(["submit", "loops.pb", "--store", url, "--count", "200"], in: directory)
        #expect(submitted.status == 0, "\(submitted)")
        let ids = submitted.lines
        #expect(ids.count == 200 && Set(ids).count == 200)

        let arguments = ["worker", "--store", url, "--concurrency", "10", "--lease", "2", "--snapshot-every", "16", "--verbose"]
        // The two victims start alone, so the work cannot all be done before the strike; the
        // steady worker joins once they are struck and takes over what they held.
        let killed = try Child(arguments, in: directory)
        let paused = try Child(arguments, in: directory)
        var steady: Child?
        var pausedHeld: [String] = []
        defer {
            for child in [killed, paused] + (steady.map { [$0] } ?? []) {
                sendSignal(child.pid, SIGCONT)
                child.kill()
            }
        }

        // Strike while both victims hold executions in the middle of their journals (the audit
        // table counts records written, which pruning after snapshots does not remove).
        let audit = "\"\(store.schema.name)\".audit"
        let busy = try await Self.poll(timeout: 240) {
            let ready = try await Self.count(
                store,
                """
                SELECT CASE WHEN (SELECT count(*) FROM \(audit)) >= 300
                    AND EXISTS (SELECT 1 FROM \(executions) WHERE \(Self.ownedBy(killed)))
                    AND EXISTS (SELECT 1 FROM \(executions) WHERE \(Self.ownedBy(paused))) THEN 1 ELSE 0 END
                """)
            return ready == 1
        }
        try #require(busy, "the workers never got going:\n\(killed.stderrSoFar)\n\(paused.stderrSoFar)")
        killed.kill()
        sendSignal(paused.pid, SIGSTOP)
        let steadyWorker = try Child(arguments, in: directory)
        steady = steadyWorker
        pausedHeld = try await Self.rows(store, "SELECT id FROM \(executions) WHERE \(Self.ownedBy(paused))").map { $0[0] }

        // The paused worker's executions are taken over once its leases expire (or, for rows its
        // stopped transaction still locks, once the server ends that transaction).
        let heldList = pausedHeld.map { "'\($0)'" }.joined(separator: ",")
        let takenOver = try await Self.poll(timeout: 240) {
            if pausedHeld.isEmpty { return true }
            let stillHeld = try await Self.count(
                store, "SELECT count(*) FROM \(executions) WHERE id IN (\(heldList)) AND \(Self.ownedBy(paused))")
            return stillHeld == 0
        }
        #expect(takenOver, "the paused worker's executions were not taken over")
        sendSignal(paused.pid, SIGCONT)

        let allDone = try await Self.poll(timeout: 400) {
            try await Self.count(store, "SELECT count(*) FROM \(executions) WHERE info LIKE '%\"status\":\"finished\"%' AND NOT queued")
                == 200
        }
        #expect(allDone, "not every execution finished:\n\(paused.stderrSoFar)\n\(steadyWorker.stderrSoFar)")

        for child in [paused, steadyWorker] { sendSignal(child.pid, SIGTERM) }
        let pausedOutcome = paused.wait(timeout: 60)
        let steadyOutcome = steadyWorker.wait(timeout: 60)
        #expect(pausedOutcome.exited && pausedOutcome.status == 0, "\(pausedOutcome)")
        #expect(steadyOutcome.exited && steadyOutcome.status == 0, "\(steadyOutcome)")
        #expect(killed.wait(timeout: 30).killedBySIGKILL)

        // Every record was written exactly once, and never by an owner whose token had been superseded.
        #expect(try await Self.count(store, "SELECT count(*) FROM \(audit)") == 200 * Self.recordsPerExecution)
        #expect(
            try await Self.rows(store, "SELECT execution_id, sequence::text FROM \(audit) GROUP BY 1, 2 HAVING count(*) > 1").isEmpty)
        #expect(
            try await Self.count(
                store,
                """
                SELECT count(*) FROM \(audit) a JOIN \(audit) b
                ON a.execution_id = b.execution_id AND a.sequence < b.sequence AND a.token > b.token
                """) == 0)
        // Executions really changed hands: the killed and the paused worker's.
        let handedOver = try await Self.count(
            store, "SELECT count(*) FROM (SELECT execution_id FROM \(audit) GROUP BY 1 HAVING count(DISTINCT token) > 1) t")
        #expect(handedOver >= 2, "only \(handedOver) executions changed hands")
        if !pausedHeld.isEmpty {
            let tokens = try await Self.count(
                store, "SELECT count(*) FROM \(executions) WHERE id IN (\(heldList)) AND token > 1")
            #expect(tokens == pausedHeld.count)
        }

        // Every transcript equals the uninterrupted run's.
        for id in ids {
            let runner = try await ExecutionRunner.inspect(id: ExecutionID(validating: id), program: program, store: store)
            #expect(runner.state.transcript == reference.transcript, "execution \(id)")
            let info = try #require(try await store.loadExecution(ExecutionID(validating: id)))
            #expect(info.status == .finished && info.attributes["result"] == Self.result, "execution \(id)")
        }
    }

    @Test(.timeLimit(.minutes(25)))
    func sigtermFinishesTheCurrentAwaitsAndReleasesEveryLease() async throws {
        // One suite of worker processes at a time (see ExclusiveGate).
        await ExclusiveGate.postgresWorkers.acquire()
        defer { ExclusiveGate.postgresWorkers.release() }
        let directory = try CLI.temporaryDirectory("worker-sigterm")
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.program.write(to: directory.appendingPathComponent("loops.pb"), atomically: true, encoding: .utf8)
        let (store, url) = try Self.makeStore("sigterm")
        try await store.prepare()
        let executions = store.schema.executions
        let submitted = try CLI.run(["submit", "loops.pb", "--store", url, "--count", "40"], in: directory)
        #expect(submitted.status == 0, "\(submitted)")

        // A lease of 10 minutes: only a release lets another worker continue these executions.
        let first = try Child(["worker", "--store", url, "--concurrency", "20", "--lease", "600"], in: directory)
        defer { first.kill() }
        let busy = try await Self.poll(timeout: 120) {
            // One statement, so both hold at the same moment.
            let ready = try await Self.count(
                store,
                """
                SELECT CASE WHEN (SELECT count(*) FROM \(store.schema.journal)) >= 100
                    AND EXISTS (SELECT 1 FROM \(executions) WHERE \(Self.ownedBy(first))) THEN 1 ELSE 0 END
                """)
            return ready == 1
        }
        try #require(busy, "the worker never got going:\n\(first.stderrSoFar)")
        sendSignal(first.pid, SIGTERM)
        let outcome = first.wait(timeout: 120)
        #expect(outcome.exited && outcome.status == 0, "\(outcome)")
        #expect(outcome.stderr.contains("stopped after"))
        #expect(
            try await Self.count(store, "SELECT count(*) FROM \(executions) WHERE owner IS NOT NULL") == 0, "\(outcome.stderr)")

        let second = try Child(["worker", "--store", url, "--concurrency", "20", "--lease", "600"], in: directory)
        defer { second.kill() }
        let allDone = try await Self.poll(timeout: 240) {
            try await Self.count(store, "SELECT count(*) FROM \(executions) WHERE info LIKE '%\"status\":\"finished\"%'") == 40
        }
        #expect(allDone, "\(second.stderrSoFar)")
        sendSignal(second.pid, SIGTERM)
        #expect(second.wait(timeout: 120).status == 0)
        for info in try await store.listExecutions() { #expect(info.attributes["result"] == Self.result) }

        // `executions list/show` work on PostgreSQL as they do locally, also where the program file is gone
        // (the text submitted with the executions is in the store).
        try FileManager.default.removeItem(at: directory.appendingPathComponent("loops.pb"))
        let list = try CLI.run(["executions", "list", "--store", url], in: directory)
        #expect(list.status == 0, "\(list)")
        let rows = list.lines.dropFirst()
        #expect(rows.count == 40 && rows.allSatisfy { $0.contains("\tfinished\t\(Self.recordsPerExecution)\t") }, "\(list)")
        let shownID = String(rows.first?.split(separator: "\t").first ?? "")
        let shown = try CLI.run(["executions", "show", shownID, "--store", url, "--transcript"], in: directory)
        let program = try ExecutionProgram(program: Program(parsing: Self.program, path: "loops.pb"))
        let expected = try await Self.reference(program).transcript.map(\.description)
        #expect(shown.status == 0 && shown.lines == expected, "\(shown)")
    }

    @Test func submitAndWorkerRefuseStoresWorkersCannotShare() throws {
        let directory = try CLI.temporaryDirectory("worker-misuse")
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.program.write(to: directory.appendingPathComponent("loops.pb"), atomically: true, encoding: .utf8)
        let submit = try CLI.run(["submit", "loops.pb", "--store", "sqlite:state.db"], in: directory)
        #expect(submit.status == 2 && submit.stderr.contains("use a postgres:// store"), "\(submit)")
        let worker = try CLI.run(["worker"], in: directory)
        #expect(worker.status == 2 && worker.stderr.contains("--store postgres://"), "\(worker)")
    }
}
