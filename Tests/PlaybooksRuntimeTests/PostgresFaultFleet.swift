import Foundation
import PlaybooksLLM
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

/// Three `playbooks worker` processes on a PostgreSQL server of their own, running a queue of two
/// programs: the loops of ``CLIWorkerTests/program`` (61 awaits, 6 `Say`s) and `Examples/seed_llm`
/// (a Markdown `Main` run by the scripted LLM, 4 LLM calls). For the fault tests: the server can be
/// killed, connections cut, and at the end ``verify()`` checks every execution against a run without
/// faults.
final class PostgresFaultFleet: @unchecked Sendable {
    /// Executions queued: `PLAYBOOKS_PG_FAULT_EXECUTIONS`, else `default`.
    static func executions(default count: Int) -> Int {
        ProcessInfo.processInfo.environment["PLAYBOOKS_PG_FAULT_EXECUTIONS"].flatMap { Int($0) }.map { max(2, $0) } ?? count
    }

    let server: ThrowawayPostgres
    let store: PostgresCheckpointStore
    let url: String
    let directory: URL
    /// Execution id -> program file ("loops.pb" or "seed_llm.pb").
    let submitted: [String: String]
    var workers: [Child] = []
    let requestLog: URL
    private let references: [String: (transcript: [Message], result: String, records: Int)]
    /// Journal records all executions write in all (each once).
    let expectedWrites: Int

    /// Starts the server, queues `count` executions (half of each program), computes the references.
    init(label: String, count: Int) async throws {
        directory = try CLI.temporaryDirectory("pg-faults-\(label)")
        _ = try LLMExample.copy("seed_llm", program: "seed_llm.pb", into: directory)
        try CLIWorkerTests.program.write(to: directory.appendingPathComponent("loops.pb"), atomically: true, encoding: .utf8)
        requestLog = directory.appendingPathComponent("llm-requests.log")
        server = try await ThrowawayPostgres.startOffThePool().get()
        url = server.url + (server.url.contains("?") ? "&" : "?") + "schema=faults_\(label)"
        var options = TestPostgres.options
        options.timeout = .seconds(30)
        store = try PostgresCheckpointStore(url: url, durability: .machine, failpoints: Failpoints(), options: options)
        try await CLIWorkerTests.installAudit(store)

        var references: [String: (transcript: [Message], result: String, records: Int)] = [:]
        for file in ["loops.pb", "seed_llm.pb"] {
            let program = try ExecutionProgram(program: Program.load(path: directory.appendingPathComponent(file).path))
            let memory = MemoryCheckpointStore()
            let provider = try ScriptedProvider(scriptPath: directory.appendingPathComponent("replies.txt").path)
            let runner = try await ExecutionRunner.start(program: program, store: memory, options: RunnerOptions(llm: provider))
            guard case .finished(let result) = try await runner.run() else { throw CancellationError() }
            references[file] = (runner.state.transcript, result.repr, try await memory.lastSequence(runner.id))
        }
        self.references = references

        var submitted: [String: String] = [:]
        for (file, share) in [("loops.pb", count / 2), ("seed_llm.pb", count - count / 2)] {
            let outcome = try CLI.run(["submit", file, "--store", url, "--count", String(share)], in: directory)
            #expect(outcome.status == 0, "\(outcome)")
            for id in outcome.lines { submitted[id] = file }
        }
        self.submitted = submitted
        expectedWrites = submitted.values.reduce(0) { $0 + (references[$1]?.records ?? 0) }
        #expect(submitted.count == count)
    }

    deinit {
        for worker in workers {
            sendSignal(worker.pid, SIGCONT)
            worker.kill()
        }
        server.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Starts `count` workers (lease 2 s, 10 executions each, durability `machine`).
    func startWorkers(_ count: Int = 3, lease: String = "2") throws {
        for _ in 0..<count {
            workers.append(
                try Child(
                    [
                        "worker", "--store", url, "--durability", "machine", "--concurrency", "10", "--lease", lease,
                        "--snapshot-every", "16", "--llm", "scripted", "--script", "replies.txt", "--llm-request-log",
                        requestLog.path, "--verbose",
                    ], in: directory))
        }
    }

    var logs: String { workers.map { "--- worker \($0.pid)\n\(String($0.stderrSoFar.suffix(3000)))" }.joined(separator: "\n") }

    /// A count (or -1 while the server cannot answer).
    func count(_ sql: String) async -> Int {
        guard let rows = try? await store.rowsForTesting("SELECT (\(sql))::text"), let text = rows.first?.first ?? nil else {
            return -1
        }
        return Int(text) ?? -1
    }

    var audit: String { "\"\(store.schema.name)\".audit" }
    var journalWrites: Int { get async { await count("SELECT count(*) FROM \(audit)") } }
    var finished: Int {
        get async {
            await count(
                "SELECT count(*) FROM \(store.schema.executions) WHERE info LIKE '%\"status\":\"finished\"%' AND NOT queued")
        }
    }

    /// How many of the workers hold a live lease.
    var workersHoldingLeases: Int {
        get async {
            await count(
                """
                SELECT count(DISTINCT split_part(owner, ' on ', 1)) FROM \(store.schema.executions)
                WHERE owner IS NOT NULL AND lease_expires_at > now()
                """)
        }
    }

    /// Starts the server again (after a kill its orphaned backends may hold it back for a moment).
    func restartServer(timeout: TimeInterval = 60) async -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if await ThrowawayPostgres.runOffThePool(["resume", server.directory]).0 == 0 { return true }
            try? await Task.sleep(for: .milliseconds(300))
        }
        return false
    }

    /// The process id of the server's postmaster (the first line of `postmaster.pid`).
    var postmasterPID: Int32? {
        let path = server.directory + "/data/postmaster.pid"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return text.split(separator: "\n").first.flatMap { Int32($0.trimmingCharacters(in: .whitespaces)) }
    }

    /// Polls `condition` every 50 ms until it holds (true) or `timeout` seconds pass (false).
    static func poll(timeout: TimeInterval, _ condition: () async -> Bool) async -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if await condition() { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return false
    }

    /// Waits for every execution to finish, then stops the workers with SIGTERM (each must exit 0).
    func finishAndStop(timeout: TimeInterval) async -> Bool {
        let total = submitted.count
        let done = await Self.poll(timeout: timeout) { await finished == total }
        for worker in workers { sendSignal(worker.pid, SIGTERM) }
        for worker in workers {
            let outcome = worker.wait(timeout: 60)
            #expect(outcome.exited && outcome.status == 0, "\(outcome)")
        }
        return done
    }

    /// What ``verify()`` found.
    struct Figures: CustomStringConvertible {
        var executions = 0
        var lost = 0
        /// Journal positions written more than once (an await performed twice).
        var duplicated = 0
        /// Executions whose transcript or result differs from the run without faults.
        var different = 0
        var handedOver = 0
        var llmRequests = 0
        var llmCalls = 0

        var description: String {
            "executions \(executions), lost \(lost), duplicated \(duplicated), different from the reference \(different), "
                + "changed hands \(handedOver), LLM requests \(llmRequests) for \(llmCalls) journaled calls"
        }
    }

    /// Checks every execution: finished with the reference's result and transcript (every `Say`
    /// once, in order), every journal position written once, by an owner never superseded before it.
    func verify() async throws -> Figures {
        var figures = Figures(executions: submitted.count)
        var expectedWrites = 0
        var llmCalls = 0
        for (id, file) in submitted.sorted(by: { $0.key < $1.key }) {
            guard let reference = references[file] else { continue }
            expectedWrites += reference.records
            if file == "seed_llm.pb" { llmCalls += 4 }
            let executionID = try ExecutionID(validating: id)
            guard let info = try await store.loadExecution(executionID), info.status == .finished else {
                figures.lost += 1
                continue
            }
            let program = try ExecutionProgram(program: Program.load(path: directory.appendingPathComponent(file).path))
            let state = try await ExecutionRunner.inspect(id: executionID, program: program, store: store).state
            if state.transcript != reference.transcript || info.attributes["result"] != reference.result {
                figures.different += 1
                Issue.record("execution \(id) (\(file)) differs: \(state.transcript) -> \(info.attributes["result"] ?? "none")")
            }
        }
        figures.duplicated = await count(
            "SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM \(audit) GROUP BY execution_id, sequence) t")
        let writes = await journalWrites
        #expect(writes == expectedWrites, "journal records written: \(writes), expected \(expectedWrites)")
        let staleWrites = await count(
            """
            SELECT count(*) FROM \(audit) a JOIN \(audit) b
            ON a.execution_id = b.execution_id AND a.sequence < b.sequence AND a.token > b.token
            """)
        #expect(staleWrites == 0, "records written under a superseded token")
        figures.handedOver = await count(
            "SELECT count(*) FROM (SELECT execution_id FROM \(audit) GROUP BY 1 HAVING count(DISTINCT token) > 1) t")
        figures.llmRequests = LLMExample.requests(requestLog).count
        figures.llmCalls = llmCalls
        #expect(figures.llmRequests >= llmCalls)
        #expect(figures.lost == 0 && figures.duplicated == 0 && figures.different == 0, "\(figures)")
        return figures
    }
}
