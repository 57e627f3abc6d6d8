import Foundation
import PlaybooksRuntime
import PlaybooksTestSupport
import Testing

@testable import PlaybooksDurability
@testable import PlaybooksPostgres

/// With durability `process` the PostgreSQL store commits asynchronously (`synchronous_commit =
/// off`): a server crash can lose the last commits it acknowledged. The worker running the
/// execution then finds the store's journal ending before the record it appends next, a sequence
/// conflict, and must give the execution back to the queue to be resumed from what the store
/// holds (it used to take it out of the queue). The loss is simulated, on the test server, by
/// deleting the last journal rows while the execution waits in an external call.
@Suite("Worker meeting a journal sequence conflict")
struct WorkerSequenceConflictTests {
    /// 12 `Say`s, with a wait at a gate (an external function) after the sixth.
    static let program = """
        # Conflict
        Says twelve things.

        ```python
        @playbook
        async def Main():
            total = 0
            for i in range(12):
                await Say("user", f"step {i}")
                if i == 5:
                    await Gate()
                total += i
            return total
        ```
        """

    /// The external function the program waits in: its first `losses` calls "lose" the
    /// execution's last commits (delete its journal rows down to neither its latest snapshot nor
    /// less than two records back) before returning.
    final class LosingGate: Sendable {
        let store: PostgresCheckpointStore
        let losses: Int
        let calls = Locked(0)
        /// The last record kept at each loss.
        let cuts = Locked<[Int]>([])

        init(store: PostgresCheckpointStore, losses: Int) {
            self.store = store
            self.losses = losses
        }

        var function: ExternalFunction {
            ExternalFunction(name: "Gate") { call in
                let n = self.calls.withLock { calls in
                    calls += 1
                    return calls
                }
                guard n <= self.losses else { return .none }
                let id = try ExecutionID(validating: String(call.idempotencyKey.prefix { $0 != "/" }))  // EXECUTION/RECORD
                let last = try await self.store.lastSequence(id)
                let cut = max(try await self.store.snapshotSequences(id).max() ?? 0, last - 2)
                guard cut < last else { throw ExternalFunctionError(message: "nothing to lose: journal to \(last)") }
                try await self.store.executeRawSQLForTesting(
                    "DELETE FROM \(self.store.schema.journal) WHERE execution_id = '\(id.rawValue)' AND sequence > \(cut)")
                self.cuts.withLock { $0.append(cut) }
                return .none
            }
        }
    }

    /// Runs the program on a worker of a fresh schema, with a gate that loses commits `losses`
    /// times, until the execution finishes or is taken out of the queue.
    static func run(losses: Int) async throws -> (id: ExecutionID, info: ExecutionInfo?, log: [String], gate: LosingGate) {
        // One suite of worker processes or workers at a time (see ExclusiveGate).
        await ExclusiveGate.postgresWorkers.acquire()
        defer { ExclusiveGate.postgresWorkers.release() }
        let server = try TestPostgres.url()
        let schema = "conflict_" + UUID().uuidString.prefix(8).lowercased()
        let url = server + (server.contains("?") ? "&" : "?") + "schema=\(schema)"
        let store = try PostgresCheckpointStore(url: url, durability: .process, failpoints: Failpoints(), options: TestPostgres.options)
        try await store.prepare()
        let program = try ExecutionProgram(program: Program(parsing: Self.program, path: "conflict.pb"))
        let id = try await ExecutionRunner.submit(program: program, to: store)
        let gate = LosingGate(store: store, losses: losses)
        let worker = Worker(
            queue: store,
            options: Worker.Options(
                concurrency: 2, leaseDuration: .seconds(30), idlePoll: .milliseconds(100),
                runner: RunnerOptions(externals: [gate.function])))
        let events = Locked<[String]>([])
        worker.onEvent = { event in events.withLock { $0.append(event.description) } }
        async let running: Void = worker.run()
        var info = try await store.loadExecution(id)
        for _ in 0..<1200 where info?.status != .finished {
            if events.withLock({ $0.contains { $0.hasPrefix("cannot run") && !$0.hasSuffix("(will retry)") } }) { break }
            try await Task.sleep(for: .milliseconds(50))
            info = try await store.loadExecution(id)
        }
        worker.stop()
        await running
        return (id, info, events.withLock { $0 }, gate)
    }

    @Test(.timeLimit(.minutes(25)))
    func lostCommitsAreRequeuedAndResumedFromTheStore() async throws {
        let (id, info, log, gate) = try await Self.run(losses: 1)
        // Before the fix: "cannot run ID: execution ID: journal append at record 7, but the next
        // record is 5", and the execution out of the queue, never finished.
        #expect(info?.status == .finished, "\(log)")
        #expect(info?.attributes["result"] == "66", "\(String(describing: info))")  // sum(range(12))
        let cut = try #require(gate.cuts.withLock { $0 }.first)
        #expect(
            log.contains {
                $0.hasPrefix("cannot run \(id): journal sequence conflict: the store's journal ends at record \(cut),")
                    && $0.hasSuffix("requeued to resume from what the store holds (will retry)")
            }, "\(log)")
        // Claimed, then claimed again after the requeue. (A loaded machine can also lose a lease,
        // which adds a claim, and then the gate's call may be made once more.)
        let claims = log.filter { $0.hasPrefix("claimed \(id)") }.count
        #expect(claims >= 2, "\(log)")
        if claims == 2 {
            #expect(gate.calls.withLock { $0 } == 2, "the gate's call was lost with the commits after it, and made again")
        }
        let sequences = try await gate.store.readJournal(id, from: 1).records.map(\.sequence)
        #expect(sequences == Array(1...(sequences.last ?? 0)) && sequences.count > cut + 2, "\(sequences)")
    }

    /// A conflict that every resume meets again is not a lost commit: after
    /// ``Worker/sequenceConflictRetries`` requeues the worker takes the execution out of the queue.
    @Test(.timeLimit(.minutes(25)))
    func aConflictThatComesBackTakesTheExecutionOut() async throws {
        let retries = Worker.sequenceConflictRetries
        let (id, info, log, gate) = try await Self.run(losses: retries + 5)
        #expect(info?.status != .finished)
        #expect(log.filter { $0.hasPrefix("claimed \(id)") }.count == retries + 1, "\(log)")
        #expect(log.filter { $0.hasSuffix("requeued to resume from what the store holds (will retry)") }.count == retries, "\(log)")
        #expect(
            log.last?.hasPrefix("cannot run \(id): journal sequence conflict, \(retries + 1) times on this worker: ") == true,
            "\(log)")
        #expect(gate.calls.withLock { $0 } == retries + 1)
    }
}
