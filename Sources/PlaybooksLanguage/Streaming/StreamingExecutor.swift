/// Why a response stopped: statement `index` (1-based, counting the statements of the response
/// that were started) failed at `line` (within the response).
public struct StatementError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 1-based index of the failing statement within the response.
    public var index: Int
    /// Line within the response where the error occurred.
    public var line: Int
    /// The statement's first line within the response.
    public var statementLine: Int
    /// The statement's source text.
    public var source: String
    /// The error as CPython's last traceback line: `NameError: name 'dta' is not defined`.
    public var message: String
    /// Whether the statement failed to compile (nothing of it ran).
    public var isSyntaxError: Bool

    public init(index: Int, line: Int, statementLine: Int, source: String, message: String, isSyntaxError: Bool) {
        self.index = index
        self.line = line
        self.statementLine = statementLine
        self.source = source
        self.message = message
        self.isSyntaxError = isSyntaxError
    }

    /// `statement 4, line 7: NameError: name 'dta' is not defined`
    public var description: String { "statement \(index), line \(line): \(message)" }
}

/// What the streaming executor needs next.
public enum StreamEvent: CustomStringConvertible {
    /// Every complete statement so far has run; feed more text or call ``StreamingExecutor/finish()``.
    case needsInput
    /// A statement awaits a host function. Answer with ``StreamingExecutor/resume(returning:)`` or
    /// ``StreamingExecutor/resume(throwing:)``, then call ``StreamingExecutor/continue()``. Text fed
    /// meanwhile is buffered.
    case suspended(HostCall)
    /// A statement failed; nothing after it runs. Call ``StreamingExecutor/beginResponse()`` for the next response.
    case failed(StatementError)
    /// The stream ended and every statement ran.
    case finished

    public var description: String {
        switch self {
        case .needsInput: return "needsInput"
        case .suspended(let call): return "suspended(\(call.name))"
        case .failed(let e): return "failed(\(e))"
        case .finished: return "finished"
        }
    }
}

/// Runs an LLM response while it streams in: each top-level statement is compiled and run in the
/// VM's global namespace as soon as the ``StatementQueue`` has it complete (the queue decides what
/// is prose and parses each statement once). Synchronous and sans-I/O: the host feeds text,
/// answers host calls, and can save the whole state to bytes at any suspension. `playbooks exec
/// --stream` runs scripts this way; agents hand the queue's statements to their playbook's code.
///
/// ```swift
/// let ex = StreamingExecutor()
/// ex.output = { print($0, terminator: "") }
/// for chunk in chunks {
///     var event = ex.feed(chunk)
///     while case .suspended(let call) = event {
///         ex.resume(returning: answer(call))
///         event = ex.continue()
///     }
///     if case .failed(let error) = event { report(error.description); break }
/// }
/// _ = ex.finish()   // (answer host calls the same way)
/// ```
public final class StreamingExecutor {
    struct Running {
        var index: Int
        var text: String
        var line: Int
    }

    public private(set) var vm: VirtualMachine
    /// The file name shown in tracebacks of code from responses.
    public var filename: String
    var statements = StatementQueue()
    var running: Running?
    /// Statements started in this response.
    public internal(set) var statementsStarted = 0
    var failure: StatementError?

    /// Where `print` writes (not part of the saved state).
    public var output: (String) -> Void {
        get { vm.output }
        set { vm.output = newValue }
    }

    public init(vm: VirtualMachine = VirtualMachine(), filename: String = "<llm>") {
        self.vm = vm
        self.filename = filename
    }

    /// The statement currently running or suspended, if any: (index, first line, text).
    public var currentStatement: (index: Int, line: Int, text: String)? {
        running.map { ($0.index, $0.line, $0.text) }
    }

    /// Bytes of the response received but not yet part of a complete statement.
    public var bufferedByteCount: Int { statements.bufferedByteCount }

    /// Starts a new response in the same namespace (after a failure or finish; an unfinished
    /// response is abandoned).
    public func beginResponse() {
        statements = StatementQueue()
        running = nil
        statementsStarted = 0
        failure = nil
        if vm.pendingCall != nil { vm.resume(throwing: PyException(Types.runtimeError, "response abandoned")) }
    }

    /// Feeds a chunk of the response and runs every statement it completes.
    public func feed(_ chunk: String) -> StreamEvent {
        if let failure { return .failed(failure) }
        if !statements.isFinished { statements.feed(chunk) }
        return drive()
    }

    /// Ends the response: the last statement completes and runs.
    public func finish() -> StreamEvent {
        if let failure { return .failed(failure) }
        if !statements.isFinished { statements.finish() }
        return drive()
    }

    /// Answers the pending host call with a value; then call ``continue()``.
    public func resume(returning value: Value) { vm.resume(returning: value) }

    /// Answers the pending host call with an exception raised at the `await`; then call ``continue()``.
    public func resume(throwing error: PyException) { vm.resume(throwing: error) }

    /// Goes on after a host call was answered.
    public func `continue`() -> StreamEvent {
        if let failure { return .failed(failure) }
        return drive()
    }

    func drive() -> StreamEvent {
        while true {
            if let call = vm.pendingCall { return .suspended(call) }
            if let r = running {
                switch vm.run() {
                case .finished:
                    running = nil
                case .failed(let e):
                    running = nil
                    let line = e.object.traceback.last?.line ?? r.line
                    let err = StatementError(
                        index: r.index, line: line, statementLine: r.line, source: r.text, message: e.summary(vm),
                        isSyntaxError: false)
                    failure = err
                    return .failed(err)
                case .suspended(let call):
                    return .suspended(call)
                case .awaitPoint:
                    continue
                }
                continue
            }
            if let item = statements.next() {
                statementsStarted += 1
                let index = statementsStarted
                let s = item.statement
                do throws(SyntaxError) {
                    let code = try Compiler.compile(try item.parsed.get(), filename: filename, namespace: vm.globals)
                    vm.start(code)
                    running = Running(index: index, text: s.text, line: s.line)
                } catch {
                    let err = StatementError(
                        index: index, line: error.line, statementLine: s.line, source: s.text,
                        message: "\(error.kind): \(error.message)", isSyntaxError: true)
                    failure = err
                    return .failed(err)
                }
                continue
            }
            return statements.isFinished ? .finished : .needsInput
        }
    }
}
