import Foundation
import PlaybooksRuntime
import PlaybooksTestSupport
import Testing

@testable import PlaybooksDurability
@testable import PlaybooksPostgres

/// A ``Worker`` in this process whose database goes away in the middle of its executions and
/// comes back: every execution still finishes, exactly once per journal position.
@Suite("Worker through a database outage")
struct WorkerOutageTests {
    /// 400 awaits: long enough to be running when the server stops.
    static let program = """
        # Long
        Many awaits.

        ```python
        @playbook
        async def Main():
            total = 0
            for i in range(400):
                await Step("Main:01:EXE")
                total += i
            return total
        ```
        """

    @Test(.timeLimit(.minutes(25)))
    func executionsFinishAfterTheServerComesBack() async throws {
        // One suite of worker processes at a time (see ExclusiveGate).
        await ExclusiveGate.postgresWorkers.acquire()
        defer { ExclusiveGate.postgresWorkers.release() }
        let server = try await ThrowawayPostgres.startOffThePool().get()
        defer { server.stop() }
        // The worker's store answers within 3 s or fails (what an outage looks like to it); the
        // test reads and checks through a store of its own with the usual timeout, so a loaded
        // machine does not fail the checks themselves.
        var options = TestPostgres.options
        options.timeout = .seconds(3)
        let workerStore = try PostgresCheckpointStore(
            url: server.url, durability: .process, failpoints: Failpoints(), options: options)
        let store = try PostgresCheckpointStore(
            url: server.url, durability: .process, failpoints: Failpoints(), options: TestPostgres.options)
        try await store.prepare()
        let program = try ExecutionProgram(program: Program(parsing: Self.program, path: "long.pb"))
        var ids: [ExecutionID] = []
        for _ in 0..<20 { ids.append(try await ExecutionRunner.submit(program: program, to: store)) }

        let worker = Worker(
            queue: workerStore, options: Worker.Options(concurrency: 20, leaseDuration: .seconds(2), idlePoll: .milliseconds(200)))
        let events = Locked<[String]>([])
        worker.onEvent = { event in events.withLock { $0.append(event.description) } }
        async let running: Void = worker.run()

        // Let the executions get going, then take the server away for longer than the lease.
        var progressed = false
        for _ in 0..<600 where !progressed {
            progressed = (try? await store.lastSequence(ids[0])) ?? 0 >= 5
            if !progressed { try await Task.sleep(for: .milliseconds(50)) }
        }
        try #require(progressed, "the worker made no progress: \(events.withLock { $0 })")
        await server.pause()
        try await Task.sleep(for: .seconds(4))
        await server.resume()

        var finished = 0
        for _ in 0..<2400 {
            let infos = (try? await store.listExecutions()) ?? []
            finished = infos.filter { $0.status == .finished }.count
            if finished == ids.count { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        worker.stop()
        await running
        let log = events.withLock { $0 }
        #expect(finished == ids.count, "\(log.suffix(30))")
        #expect(log.contains { $0.hasPrefix("cannot run") || $0.hasPrefix("queue:") }, "the outage went unnoticed: \(log.suffix(10))")
        for id in ids {
            let info = try #require(try await store.loadExecution(id))
            #expect(info.attributes["result"] == "79800", "\(id): \(info)")  // sum(range(400)), from python3
            #expect(try await store.readJournal(id, from: 1).records.map(\.sequence) == Array(1...400))
        }
    }
}
