import PlaybooksDurability

/// A durable execution to embed in an application: a `Sendable` handle that any task may hold,
/// whose progress arrives as an `AsyncSequence` of events.
///
/// ```swift
/// let store = try SQLiteCheckpointStore(path: "state.db", durability: .process)
/// let execution = try await Execution.start(program: program, store: store)
/// let printer = Task {
///     for await event in execution.events {
///         if case .said(let message) = event { print(message) }
///     }
/// }
/// let outcome = try await execution.run()      // .finished(result), .failed(traceback:), .waitingForMessage(source:)
/// await execution.close()                      // ends `events`; the execution can be resumed elsewhere
/// await printer.value
/// ```
///
/// The execution's lock is held while the handle lives and released when the execution ends,
/// when ``close()`` is called or when the handle is freed; after a crash, ``resume(id:program:store:options:)``
/// continues at the await where it stopped.
public actor Execution {
    public nonisolated let id: ExecutionID
    /// What the execution reports, each event once its work is durable: messages said, steps,
    /// checkpoints, recoveries, printed text. Ends with ``close()`` (or when the handle is freed).
    public nonisolated let events: AsyncStream<ExecutionEvent>
    private let continuation: AsyncStream<ExecutionEvent>.Continuation
    private let runner: ExecutionRunner

    private init(runner: sending ExecutionRunner) {
        let (events, continuation) = AsyncStream.makeStream(of: ExecutionEvent.self)
        runner.onEvent = { continuation.yield($0) }
        self.id = runner.id
        self.events = events
        self.continuation = continuation
        self.runner = runner
    }

    deinit { continuation.finish() }

    /// Starts a new execution of `program` in `store`.
    public static func start(
        program: ExecutionProgram, store: any CheckpointStore, id: ExecutionID? = nil, options: RunnerOptions = RunnerOptions()
    ) async throws(ExecutionError) -> Execution {
        Execution(runner: try await ExecutionRunner.start(program: program, store: store, id: id, options: options))
    }

    /// Continues execution `id` from its last checkpoint.
    public static func resume(
        id: ExecutionID, program: ExecutionProgram, store: any CheckpointStore, options: RunnerOptions = RunnerOptions()
    ) async throws(ExecutionError) -> Execution {
        Execution(runner: try await ExecutionRunner.resume(id: id, program: program, store: store, options: options))
    }

    /// Runs until the entry playbook returns, fails, or waits for a message that was not given.
    public func run() async throws(ExecutionError) -> ExecutionOutcome {
        try await runner.run()
    }

    /// Gives the code a message for its next `WaitForMessage` / `Yield`; call ``run()`` again.
    public func send(_ message: String) {
        runner.send(message)
    }

    /// The execution's state as it is now: variables, call stack, transcript, artifacts.
    public var state: ExecutionState { runner.state }

    /// The last journal record applied.
    public var checkpointCount: Int { runner.checkpointCount }

    /// Ends ``events`` and releases the execution for other holders.
    public func close() {
        runner.close()
        continuation.finish()
    }
}
