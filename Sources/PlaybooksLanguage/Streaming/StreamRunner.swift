/// Runs a script through the ``StreamingExecutor`` chunk by chunk (for `playbooks exec --stream`
/// and tests). Host calls are answered as ``ScriptRunner`` does: no host functions exist.
public enum StreamRunner {
    public struct Result {
        /// 0 when every statement ran, 1 on an error, 70 if a saved state failed to decode.
        public var exitCode: Int32
        public var error: StatementError?
        /// Statements started.
        public var statements: Int
        /// Times the executor was encoded, discarded and decoded.
        public var checkpoints: Int
    }

    /// - Parameter checkpointEveryChunk: after every chunk (and at every suspension), encode the
    ///   executor, discard it and go on with one decoded from the bytes.
    public static func run(
        chunks: [String], filename: String = "<llm>", limits: Limits = Limits(), checkpointEveryAwait: Bool = false,
        checkpointEveryChunk: Bool = false, output: @escaping (String) -> Void
    ) -> Result {
        var executor = StreamingExecutor(vm: VirtualMachine(limits: limits), filename: filename)
        executor.output = output
        var checkpoints = 0
        func checkpoint() -> Bool {
            let bytes = executor.encodeState()
            checkpoints += 1
            do {
                executor = try StreamingExecutor(state: bytes, limits: limits)
            } catch {
                return false
            }
            executor.output = output
            return true
        }
        func settle(_ first: StreamEvent) -> StreamEvent? {
            var event = first
            while true {
                switch event {
                case .suspended(let call):
                    if checkpointEveryAwait || checkpointEveryChunk {
                        guard checkpoint() else { return nil }
                    }
                    executor.resume(throwing: PyException(Types.nameError, "name '\(call.name)' is not defined"))
                    event = executor.continue()
                default:
                    return event
                }
            }
        }
        for chunk in chunks {
            guard let event = settle(executor.feed(chunk)) else {
                return Result(exitCode: 70, error: nil, statements: executor.statementsStarted, checkpoints: checkpoints)
            }
            if case .failed(let e) = event {
                return Result(exitCode: 1, error: e, statements: executor.statementsStarted, checkpoints: checkpoints)
            }
            if checkpointEveryChunk && !checkpoint() {
                return Result(exitCode: 70, error: nil, statements: executor.statementsStarted, checkpoints: checkpoints)
            }
        }
        guard let event = settle(executor.finish()) else {
            return Result(exitCode: 70, error: nil, statements: executor.statementsStarted, checkpoints: checkpoints)
        }
        if case .failed(let e) = event {
            return Result(exitCode: 1, error: e, statements: executor.statementsStarted, checkpoints: checkpoints)
        }
        return Result(exitCode: 0, error: nil, statements: executor.statementsStarted, checkpoints: checkpoints)
    }
}
