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
/// VM's global namespace as soon as the ``StatementSplitter`` sees it complete. Synchronous and
/// sans-I/O: the host feeds text, answers host calls, and can save the whole state to bytes at
/// any suspension.
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
///
/// Before the first Markdown fence of a response, statements are run as they complete (an
/// unfenced response is all code). A statement there that does not parse is held back instead of
/// being reported, with everything after it: if a fence then opens, the held text was prose and
/// is dropped; if the stream ends with no fence, the held statements run and the first reports
/// its syntax error. Prose that happens to parse as Python (a lone word) before a fence does run.
public final class StreamingExecutor {
    struct Pending {
        var text: String
        var line: Int
        var module: Module?
        var syntaxError: SyntaxError?
    }

    struct Running {
        var index: Int
        var text: String
        var line: Int
    }

    public private(set) var vm: VirtualMachine
    /// The file name shown in tracebacks of code from responses.
    public var filename: String
    var splitter = StatementSplitter()
    /// Complete statements not yet started: `queue[queueHead...]`.
    var queue: [Pending] = []
    var queueHead = 0
    var held: [Pending] = []
    var sawFence = false
    var running: Running?
    /// Statements started in this response.
    public internal(set) var statementsStarted = 0
    var streamEnded = false
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
    public var bufferedByteCount: Int { splitter.pendingByteCount }

    /// Starts a new response in the same namespace (after a failure or finish; an unfinished
    /// response is abandoned).
    public func beginResponse() {
        splitter.reset()
        queue.removeAll()
        queueHead = 0
        held.removeAll()
        sawFence = false
        running = nil
        statementsStarted = 0
        streamEnded = false
        failure = nil
        if vm.pendingCall != nil { vm.resume(throwing: PyException(Types.runtimeError, "response abandoned")) }
    }

    /// Feeds a chunk of the response and runs every statement it completes.
    public func feed(_ chunk: String) -> StreamEvent {
        if let failure { return .failed(failure) }
        if streamEnded { return drive() }
        splitter.feed(chunk)
        absorb()
        return drive()
    }

    /// Ends the response: the last statement completes and runs.
    public func finish() -> StreamEvent {
        if let failure { return .failed(failure) }
        if !streamEnded {
            streamEnded = true
            splitter.finish()
            absorb()
            queue.append(contentsOf: held)
            held.removeAll()
        }
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

    func absorb() {
        for item in splitter.take() {
            switch item {
            case .firstFence:
                sawFence = true
                held.removeAll()
            case .statement(let s):
                var p = Pending(text: s.text, line: s.line)
                if !sawFence {
                    if !held.isEmpty {
                        held.append(p)
                        continue
                    }
                    do throws(SyntaxError) {
                        p.module = try Parser.parse(p.text, firstLine: p.line)
                    } catch {
                        p.syntaxError = error
                        held.append(p)
                        continue
                    }
                    if let module = p.module, StreamingExecutor.looksLikeProse(module) {
                        // "Sure", "Done." or "Okay then" before any fence: an expression with no
                        // effect is far more likely prose than code; hold it like unparsable text.
                        held.append(p)
                        continue
                    }
                }
                queue.append(p)
            }
        }
    }

    /// A statement that is only bare names (and comparisons or attributes of them): code with no
    /// effect, which before the first fence is taken for a line of prose.
    static func looksLikeProse(_ module: Module) -> Bool {
        guard module.body.count == 1, case .expr(let e) = module.body[0].kind else { return false }
        // A docstring or a number is code-like; prose is words.
        if case .constant = e.kind { return false }
        return !e.contains { node in
            switch node.kind {
            case .name, .constant, .compare, .boolOp, .unary, .tuple, .attribute: return false
            default: return true
            }
        }
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
            if queueHead < queue.count {
                let p = queue[queueHead]
                queue[queueHead] = Pending(text: "", line: 0)
                queueHead += 1
                if queueHead == queue.count {
                    queue.removeAll(keepingCapacity: true)
                    queueHead = 0
                }
                statementsStarted += 1
                let index = statementsStarted
                do throws(SyntaxError) {
                    if let e = p.syntaxError { throw e }
                    var module: Module
                    if let m = p.module { module = m } else { module = try Parser.parse(p.text, firstLine: p.line) }
                    let code = try Compiler.compile(module, filename: filename, namespace: vm.globals)
                    vm.start(code)
                    running = Running(index: index, text: p.text, line: p.line)
                } catch {
                    let err = StatementError(
                        index: index, line: error.line, statementLine: p.line, source: p.text,
                        message: "\(error.kind): \(error.message)", isSyntaxError: true)
                    failure = err
                    queue.removeAll()
                    queueHead = 0
                    return .failed(err)
                }
                continue
            }
            return streamEnded ? .finished : .needsInput
        }
    }
}
