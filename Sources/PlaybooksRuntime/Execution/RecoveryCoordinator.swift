import PlaybooksDurability
import PlaybooksLLM

/// Decides whether an execution can be recovered, restores its state, and resumes it.
///
/// ```swift
/// let coordinator = RecoveryCoordinator(store: store, program: program)
/// if try await coordinator.canRecover(id) {
///     let state = try await coordinator.recoverExecutionState(id)   // variables, call stack, transcript
///     let runner = try await coordinator.resume(id)
///     let outcome = try await runner.run()                          // continues at the interrupted await
/// }
/// ```
public struct RecoveryCoordinator: Sendable {
    public let store: any CheckpointStore
    public let program: ExecutionProgram
    /// How resumed executions run (the LLM may differ from the one the execution began with).
    public var options: RunnerOptions

    public init(store: any CheckpointStore, program: ExecutionProgram, options: RunnerOptions = RunnerOptions()) {
        self.store = store
        self.program = program
        self.options = options
    }

    /// Whether `id` exists, has not ended, and was started by this program.
    public func canRecover(_ id: ExecutionID) async throws(ExecutionError) -> Bool {
        guard let info = try await ExecutionJournal.wrap({ () async throws(StoreError) in try await store.loadExecution(id) })
        else { return false }
        return (info.status == .running || info.status == .waiting) && info.programHash == program.hash
    }

    /// The state at the execution's last checkpoint, restored without running anything.
    public func recoverExecutionState(_ id: ExecutionID) async throws(ExecutionError) -> ExecutionState {
        try await ExecutionRunner.inspect(id: id, program: program, store: store, limits: options.limits).state
    }

    /// A runner positioned at the execution's last checkpoint; ``ExecutionRunner/run()`` continues it.
    /// - Parameter messages: given to the execution after those of ``options``.
    public func resume(_ id: ExecutionID, messages: [String] = []) async throws(ExecutionError) -> ExecutionRunner {
        var options = self.options
        options.messages += messages
        return try await ExecutionRunner.resume(id: id, program: program, store: store, options: options)
    }
}
