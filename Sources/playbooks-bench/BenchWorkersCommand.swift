import ArgumentParser
import Foundation
import PlaybooksDurability
import PlaybooksPostgres
import PlaybooksRuntime

/// `playbooks-bench workers --store postgres://...`: durable awaits per second of one worker (in
/// this process) running 1, 10, 100, 1,000 executions at once, with `synchronous_commit = on`.
///
/// Each round submits N executions of `for i in range(R): await Step(...)` into a fresh schema
/// (R = max(minimum, total / N), so every round does about `total` awaits; the schemas are left
/// behind, so point it at a throwaway server as `Benchmarks/workers.sh` does), starts a ``Worker``
/// with concurrency N, and times from its start until the last execution finished: claims,
/// restores, every journal append (group-committed), snapshots, info updates and releases included.
struct BenchWorkersCommand: AsyncParsableCommand, BenchCommandSupport {
    static let configuration = CommandConfiguration(
        commandName: "workers",
        abstract: "Benchmark one worker's durable awaits per second at several concurrencies (for Benchmarks/)."
    )

    @Option(help: "The PostgreSQL server (a schema per round is created and dropped).")
    var store: String

    @Option(help: "Concurrent executions per round, comma-separated.")
    var concurrency: String = "1,10,100,1000"

    @Option(help: "Awaits per round, spread over its executions.")
    var total: Int = 4000

    @Option(help: "Fewest awaits per execution.")
    var minimum: Int = 20

    @Option(help: "process (synchronous_commit off) or machine (on).")
    var durability: String = "machine"

    func run() async throws {
        guard let level = DurabilityLevel(rawValue: durability) else { throw ValidationError("--durability: process or machine") }
        let rounds = try Self.integers(concurrency, option: "--concurrency", minimum: 1)
        print("one worker, durability \(level.rawValue) (synchronous_commit \(level == .machine ? "on" : "off"))")
        print("executions  awaits/execution  awaits  seconds  awaits/s  ms/await/execution  transactions")
        for n in rounds {
            let repeats = max(minimum, total / n)
            let schema = "bench_workers_\(n)_\(UInt32.random(in: 0 ... .max))"
            let url = store + (store.contains("?") ? "&" : "?") + "schema=\(schema)"
            var options = PostgresCheckpointStore.Options()
            options.timeout = .seconds(120)
            options.maximumConnections = 8
            let queue = try PostgresCheckpointStore(url: url, durability: level, options: options)
            try await queue.prepare()
            let program = Self.program(awaits: repeats)
            for _ in 0..<n { _ = try await ExecutionRunner.submit(program: program, to: queue) }
            let worker = Worker(
                queue: queue, options: Worker.Options(concurrency: n, leaseDuration: .seconds(120), idlePoll: .milliseconds(50)))
            let finished = Locked(0)
            let done = WakeSignal()
            worker.onEvent = { event in
                switch event {
                case .finished:
                    if finished.withLock({ count -> Bool in
                        count += 1
                        return count == n
                    }) {
                        done.signal()
                    }
                case .failed(_, let why, _), .lost(_, let why), .queueError(let why):
                    FileHandle.standardError.write(Data("bench-workers: \(why)\n".utf8))
                default: break
                }
            }
            let transactionsBefore = queue.transactionCount
            let clock = ContinuousClock()
            let start = clock.now
            async let running: Void = worker.run()
            while finished.withLock({ $0 }) < n { await done.wait(timeout: .seconds(1)) }
            let duration = (clock.now - start).components
            let elapsed = Double(duration.seconds) + Double(duration.attoseconds) / 1e18
            worker.stop()
            await running
            let awaits = n * repeats
            let rate = Double(awaits) / elapsed
            print(
                String(
                    format: "%10d  %16d  %6d  %7.2f  %8.0f  %18.2f  %12d", n, repeats, awaits, elapsed, rate,
                    elapsed * 1000 / Double(repeats), queue.transactionCount - transactionsBefore))
        }
    }

    /// One Python playbook awaiting `Step` `awaits` times: `awaits` journal records.
    static func program(awaits: Int) -> ExecutionProgram {
        let source = """
            @playbook
            async def Main():
                for i in range(\(awaits)):
                    await Step("Main:01:EXE")
                return "done"

            """
        let text = "# Bench\n\n```python\n\(source)```\n"
        return ExecutionProgram(path: "bench.pb", text: text, agent: "Bench", pythonSource: source, entry: "Main")
    }
}
