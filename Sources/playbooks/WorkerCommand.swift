import ArgumentParser
import Dispatch
import Foundation
import PlaybooksDurability
import PlaybooksRuntime

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `playbooks worker --store postgres://...`: runs submitted executions until SIGTERM.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Run submitted executions from a PostgreSQL store, many at once, until SIGTERM or SIGINT.",
        discussion: """
            Claims executions submitted with `playbooks submit` and executions whose worker's lease expired (a \
            worker that died), continues each from its last checkpoint, and keeps its leases alive with heartbeats. \
            Every write is fenced by the lease: a worker that was paused past its lease cannot write for an execution \
            another worker took over. On SIGTERM it stops claiming, lets each execution finish its current await, \
            releases its leases (other workers continue them at once) and exits 0. Logs go to stderr.
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "Executions run at once.")
    var concurrency = 16

    @Option(help: "Seconds a lease lasts without a heartbeat: how soon another worker takes over after this one dies.")
    var lease: Double = 15

    @Option(help: "Longest idle sleep between looks at the queue, in seconds (notifications wake it sooner).")
    var poll: Double?

    @Option(help: "Snapshot after this many journal records.")
    var snapshotEvery = 64

    @Flag(help: "Log every execution claimed and finished, not only problems.")
    var verbose = false

    @OptionGroup var llmOptions: LLMOptions

    func validate() throws {
        _ = try NumericOptionRange.seconds(lease, option: "--lease", minimum: 0.2, maximum: 86_400)
        if let poll { _ = try NumericOptionRange.seconds(poll, option: "--poll", minimum: 0.001, maximum: 3_600) }
        try NumericOptionRange.integer(concurrency, option: "--concurrency", in: 1...100_000)
        try NumericOptionRange.integer(snapshotEvery, option: "--snapshot-every", in: 1...Int.max)
    }

    func run() async throws {
        let leaseDuration = try NumericOptionRange.seconds(lease, option: "--lease", minimum: 0.2, maximum: 86_400)
        let idlePoll = try poll.map { (p) throws(ValidationError) in
            try NumericOptionRange.seconds(p, option: "--poll", minimum: 0.001, maximum: 3_600)
        }
        let queue = try openQueue(storeOptions)
        let options = Worker.Options(
            concurrency: concurrency, leaseDuration: leaseDuration,
            idlePoll: idlePoll,
            runner: RunnerOptions(
                llm: try llmOptions.provider(configuration: nil), llmModel: llmOptions.model,
                policy: SnapshotPolicy(everyRecords: snapshotEvery)))
        let worker = Worker(queue: queue, options: options)
        let verbose = self.verbose
        worker.onEvent = { event in
            switch event {
            case .claimed, .finished, .released: if !verbose { return }
            case .lost, .failed, .queueError: break
            }
            note("worker: \(event)")
        }
        let signals = [SIGTERM, SIGINT].map { number -> DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                note("worker: stopping: finishing current awaits and releasing leases")
                worker.stop()
            }
            source.resume()
            return source
        }
        note("worker \(options.owner) on \(queue.location): up to \(concurrency) executions, lease \(lease) s")
        await worker.run()
        for source in signals { source.cancel() }
        note("worker \(options.owner) stopped after \(worker.executionsRun) executions")
    }
}

/// `playbooks submit PROGRAM.pb --store postgres://...`: queues executions for workers.
struct SubmitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Queue an execution of a .pb program for `playbooks worker` and print its id.",
        discussion: "The program's text is stored with the execution, so workers on any machine can run it."
    )

    @Argument(help: "The program (.pb).")
    var programFile: String

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "The execution's id (default: a new one).")
    var id: String?

    @Option(help: "How many executions to queue (ids are printed one per line).")
    var count = 1

    func run() async throws {
        try NumericOptionRange.integer(count, option: "--count", in: 1...1_000_000)
        if id != nil && count > 1 { throw ValidationError("--id names one execution; drop it or --count") }
        let program = try loadExecutionProgram(path: programFile)
        let queue = try openQueue(storeOptions)
        let explicit = try id.map(parseExecutionID)
        for _ in 0..<count {
            do {
                let id = try await ExecutionRunner.submit(program: program, to: queue, id: explicit)
                print(id)
            } catch { throw fail(error.description) }
        }
    }
}

/// The store of `--store`, which must be one that workers share (PostgreSQL).
func openQueue(_ options: StoreOptions) throws -> any ExecutionQueue {
    guard options.store != nil else {
        throw fail("workers need a shared store: pass --store postgres://USER@HOST:PORT/DATABASE", status: ExitStatus.usage)
    }
    let store: any CheckpointStore
    do { store = try options.open() } catch { throw fail("\(error)") }
    guard let queue = store as? any ExecutionQueue else {
        throw fail("\(store.location) cannot hand executions to workers: use a postgres:// store", status: ExitStatus.usage)
    }
    return queue
}
