import Foundation
import PlaybooksDurability
import PlaybooksLLM
import PlaybooksLanguage

/// Runs one execution durably: every await of a host function (a built-in such as `Say`, an
/// external function) becomes a journal record that is durable before the code moves on, and a
/// resume restores the latest snapshot and replays the journal's tail — answering each recorded
/// await from the journal instead of performing it again — to continue at exactly the await
/// where the execution stopped.
///
/// ```swift
/// let store = try openStore(.sqlite(path: ".playbooks/state.db"), durability: .process)
/// let runner = try await ExecutionRunner.start(program: program, store: store)
/// runner.onEvent = { if case .said(let m) = $0 { print(m.text) } }
/// let outcome = try await runner.run()
/// // after a crash, in a new process:
/// let again = try await ExecutionRunner.resume(id: runner.id, program: program, store: store)
/// ```
public final class ExecutionRunner {
    public let id: ExecutionID
    /// Reports durable progress: messages said, steps, checkpoints. Set before ``run()``.
    public var onEvent: (ExecutionEvent) -> Void = { _ in }
    /// Asked after each await is recorded: when it returns true, ``run()`` stops there and throws
    /// ``ExecutionError/stopped(_:at:)`` (a worker shutting down finishes the current await this way).
    public var shouldStop: () -> Bool = { false }

    let store: any CheckpointStore
    let program: ExecutionProgram
    let lock: (any ExecutionLock)?
    var vm: VirtualMachine
    var info: ExecutionInfo
    let externals: [String: ExternalFunction]
    var messages: [String]
    let policy: SnapshotPolicy
    let failpoints: Failpoints
    let limits: Limits
    let sourceLines: [Substring]

    /// The last journal record applied to the VM.
    var sequence = 0
    /// Recorded awaits still to be answered from the journal.
    var replay: [JournalRecord] = []
    var replayIndex = 0
    var lastSnapshotSequence = -1
    var lastSnapshotBytes = 0
    var recordsSinceSnapshot = 0
    var bytesSinceSnapshot = 0
    /// The LLM that runs Markdown playbooks, if any.
    var llm: (any LLMProvider)?
    var llmModel: String?
    /// Per Markdown playbook frame (by depth on the playbook stack): the response being read, in
    /// this process only. (What the code received of it is in the frame and the journal.)
    var responses: [Int: LiveResponse] = [:]
    /// Failpoints throw ``ExecutionError/crashed(_:at:)`` instead of killing the process (tests).
    var simulatesCrashes = false
    /// Set when the journal ends with an at-most-once call that started and has no outcome.
    var inFlightAtMostOnce = false
    /// Inspection never performs a call or writes anything.
    let inspecting: Bool

    init(
        id: ExecutionID, store: any CheckpointStore, program: ExecutionProgram, lock: (any ExecutionLock)?,
        vm: VirtualMachine, info: ExecutionInfo, externals: [ExternalFunction], messages: [String],
        policy: SnapshotPolicy, failpoints: Failpoints, limits: Limits, inspecting: Bool
    ) {
        self.id = id
        self.store = store
        self.program = program
        self.lock = lock
        self.vm = vm
        self.info = info
        self.externals = Dictionary(externals.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last })
        self.messages = messages
        self.policy = policy
        self.failpoints = failpoints
        self.limits = limits
        self.inspecting = inspecting
        self.sourceLines = program.text.split(separator: "\n", omittingEmptySubsequences: false)
        attachOutput()
    }

    deinit { lock?.release() }

    /// Releases the execution for other processes (also done when the runner is freed).
    public func close() { lock?.release() }

    var isReplaying: Bool { replayIndex < replay.count }

    func attachOutput() {
        vm.output = { [weak self] text in
            guard let self, !self.inspecting, !self.isReplaying else { return }
            self.onEvent(.printed(text))
        }
    }

    // MARK: Starting and resuming

    /// Starts a new execution of `program` and records it in `store`.
    /// - Parameters:
    ///   - id: the execution's id; a fresh one when `nil`.
    ///   - messages: answers for the code's `WaitForMessage` / `Yield`, in order.
    public static func start(
        program: ExecutionProgram, store: any CheckpointStore, id: ExecutionID? = nil, externals: [ExternalFunction] = [],
        messages: [String] = [], llm: (any LLMProvider)? = nil, llmModel: String? = nil,
        policy: SnapshotPolicy = SnapshotPolicy(), limits: Limits = .playbookDefaults, failpoints: Failpoints = .current
    ) async throws(ExecutionError) -> ExecutionRunner {
        let id = id ?? ExecutionID.generate()
        let lock = try wrap { () throws(StoreError) in try store.lock(id) }
        let info = newInfo(program: program, id: id)
        let vm = try freshVM(program: program, externals: externals, limits: limits, id: id)
        try await wrap { () async throws(StoreError) in try await store.createExecution(info) }
        let runner = ExecutionRunner(
            id: id, store: store, program: program, lock: lock, vm: vm, info: info, externals: externals,
            messages: messages, policy: policy, failpoints: failpoints, limits: limits, inspecting: false)
        runner.llm = llm
        runner.llmModel = llmModel
        return runner
    }

    /// What a store records about a new execution of `program`.
    static func newInfo(program: ExecutionProgram, id: ExecutionID) -> ExecutionInfo {
        ExecutionInfo(
            id: id, programPath: program.path, programHash: program.hash, status: .running,
            attributes: [
                "agent": program.agent, "entry": program.entry,
                "program_file": URL(fileURLWithPath: program.path).standardizedFileURL.path,
            ])
    }

    /// Records a new execution of `program` in `queue` for a ``Worker`` to run (with the program's
    /// text, so that a worker on any machine can run it) and returns its id.
    ///
    /// ```swift
    /// let id = try await ExecutionRunner.submit(program: program, to: store)   // store: PostgresCheckpointStore
    /// ```
    public static func submit(
        program: ExecutionProgram, to queue: any ExecutionQueue, id: ExecutionID? = nil
    ) async throws(ExecutionError) -> ExecutionID {
        let id = id ?? ExecutionID.generate()
        let info = newInfo(program: program, id: id)
        try await wrap { () async throws(StoreError) in try await queue.submit(info, programText: program.text) }
        return id
    }

    /// Continues an execution from its last checkpoint: after a crash, or with the message it waits for.
    ///
    /// Throws when the execution does not exist, has ended, is in use by another process, or
    /// `program` is not the program it began with.
    public static func resume(
        id: ExecutionID, program: ExecutionProgram, store: any CheckpointStore, externals: [ExternalFunction] = [],
        messages: [String] = [], llm: (any LLMProvider)? = nil, llmModel: String? = nil,
        policy: SnapshotPolicy = SnapshotPolicy(), limits: Limits = .playbookDefaults, failpoints: Failpoints = .current
    ) async throws(ExecutionError) -> ExecutionRunner {
        guard var info = try await wrap({ () async throws(StoreError) in try await store.loadExecution(id) }) else {
            throw .store(.executionNotFound(id))
        }
        guard info.status == .running || info.status == .waiting else { throw .notResumable(id, status: info.status) }
        guard info.programHash == program.hash else { throw .programChanged(id, path: info.programPath) }
        let lock = try wrap { () throws(StoreError) in try store.lock(id) }
        info.status = .running
        info.attributes["waiting_for"] = nil
        let runner = try await restore(
            id: id, info: info, program: program, store: store, lock: lock, externals: externals, messages: messages,
            policy: policy, limits: limits, failpoints: failpoints, upTo: nil, inspecting: false)
        runner.llm = llm
        runner.llmModel = llmModel
        try await runner.saveInfo()
        return runner
    }

    /// The execution's state at checkpoint `sequence` (the latest when `nil`), restored without
    /// performing or writing anything.
    public static func inspect(
        id: ExecutionID, program: ExecutionProgram, store: any CheckpointStore, upTo sequence: Int? = nil,
        limits: Limits = .playbookDefaults
    ) async throws(ExecutionError) -> ExecutionRunner {
        guard let info = try await wrap({ () async throws(StoreError) in try await store.loadExecution(id) }) else {
            throw .store(.executionNotFound(id))
        }
        let runner = try await restore(
            id: id, info: info, program: program, store: store, lock: nil, externals: [], messages: [],
            policy: SnapshotPolicy(), limits: limits, failpoints: Failpoints(), upTo: sequence, inspecting: true)
        _ = try runner.advance()
        return runner
    }

    static func restore(
        id: ExecutionID, info: ExecutionInfo, program: ExecutionProgram, store: any CheckpointStore,
        lock: (any ExecutionLock)?, externals: [ExternalFunction], messages: [String], policy: SnapshotPolicy, limits: Limits,
        failpoints: Failpoints, upTo limit: Int?, inspecting: Bool
    ) async throws(ExecutionError) -> ExecutionRunner {
        let last = try await wrap { () async throws(StoreError) in try await store.lastSequence(id) }
        let target = min(limit ?? last, last)
        let snapshot = try await wrap { () async throws(StoreError) in try await store.latestSnapshot(id, atOrBefore: target) }
        let vm: VirtualMachine
        var base = 0
        if let snapshot {
            do {
                vm = try VirtualMachine(snapshot: snapshot.bytes, limits: limits)
            } catch {
                throw .damaged(id, "snapshot at record \(snapshot.sequence) does not decode: \(error)")
            }
            base = snapshot.sequence
        } else {
            vm = try freshVM(program: program, externals: externals, limits: limits, id: id)
        }
        let read = try await wrap { () async throws(StoreError) in try await store.readJournal(id, from: base + 1) }
        let records = read.records.filter { $0.sequence <= target }
        if let first = records.first, first.sequence != base + 1 {
            throw .damaged(
                id, "the journal starts at record \(first.sequence), but record \(base + 1) is needed (pruned without a snapshot?)")
        }
        let runner = ExecutionRunner(
            id: id, store: store, program: program, lock: lock, vm: vm, info: info, externals: externals, messages: messages,
            policy: policy, failpoints: failpoints, limits: limits, inspecting: inspecting)
        runner.sequence = base
        runner.replay = records
        runner.lastSnapshotSequence = snapshot?.sequence ?? -1
        runner.lastSnapshotBytes = snapshot?.bytes.count ?? 0
        runner.recordsSinceSnapshot = records.count
        if !inspecting {
            let note = read.damagedTail.map {
                "\($0); resuming from the last intact checkpoint, \($0.lastIntactSequence)"
            }
            runner.onEventPending = .recovered(fromSnapshot: base, replayedRecords: records.count, note: note)
        }
        return runner
    }

    /// Reported at the start of ``run()`` (the caller sets ``onEvent`` after resume returns).
    var onEventPending: ExecutionEvent?

    static func freshVM(
        program: ExecutionProgram, externals: [ExternalFunction], limits: Limits, id: ExecutionID
    ) throws(ExecutionError) -> VirtualMachine {
        let vm = VirtualMachine(limits: limits)
        for name in HostBuiltin.allCases { vm.registerHostFunction(name.rawValue) }
        for e in externals { vm.registerHostFunction(e.name) }
        vm.exposeStatementRunner(as: "__pb_run__")
        do {
            try vm.load(
                source: Prelude.source(agent: program.agent, markdownPlaybooks: program.markdownPlaybooks),
                filename: Prelude.filename)
        } catch {
            throw .program("internal error: the prelude does not compile: \(error)")
        }
        guard case .finished = vm.run() else { throw .program("internal error: the prelude failed to run") }
        do {
            try vm.load(
                source: program.pythonSource + "\n" + Prelude.entry(program.entry), filename: program.path,
                firstLine: program.pythonFirstLine)
        } catch {
            throw .program("\(program.path), line \(error.line): \(error.kind): \(error.message)")
        }
        return vm
    }

    // MARK: Running

    enum Stop {
        case live(HostCall)
        case finished
        case failed(PyException)
    }

    /// Runs the VM, answering recorded awaits from the journal, until it needs a live answer or ends.
    func advance() throws(ExecutionError) -> Stop {
        while true {
            if let call = vm.pendingCall {
                if isReplaying {
                    try answerFromJournal(call)
                    continue
                }
                return .live(call)
            }
            switch vm.run() {
            case .finished: return .finished
            case .failed(let e): return .failed(e)
            case .suspended, .awaitPoint: continue
            }
        }
    }

    /// Queues a message for the code's next `WaitForMessage` / `Yield` (for example after
    /// ``run()`` returned ``ExecutionOutcome/waitingForMessage(source:)``); call ``run()`` again.
    public func send(_ message: String) {
        messages.append(message)
    }

    /// Runs until the entry playbook returns, fails, or waits for a message that was not given.
    public func run() async throws(ExecutionError) -> ExecutionOutcome {
        if info.status == .waiting {
            info.status = .running
            info.attributes["waiting_for"] = nil
            try await saveInfo()
        }
        if let e = onEventPending {
            onEventPending = nil
            onEvent(e)
        }
        while true {
            switch try advance() {
            case .finished:
                let result = vm.globals["__pb_result__"].map { vm.reprText($0) } ?? "None"
                info.status = .finished
                info.attributes["result"] = result
                try await saveInfo()
                return .finished(result: result)
            case .failed(let e):
                let text = e.formattedTraceback(vm, filename: program.path, sourceLines: sourceLines)
                info.status = .failed
                info.attributes["error"] = text
                try await saveInfo()
                return .failed(traceback: text)
            case .live(let call):
                if let waiting = try await performLive(call) {
                    try await writeSnapshot()
                    info.status = .waiting
                    info.attributes["waiting_for"] = waiting
                    try await saveInfo()
                    return .waitingForMessage(source: waiting)
                }
                if shouldStop() { throw .stopped(id, at: sequence) }
            }
        }
    }

    func saveInfo() async throws(ExecutionError) {
        info.updatedAt = Date()
        let current = info
        try await ExecutionRunner.wrap { () async throws(StoreError) in try await store.updateExecution(current) }
    }

    static func wrap<T>(_ body: () throws(StoreError) -> T) throws(ExecutionError) -> T {
        do { return try body() } catch { throw .store(error) }
    }

    static func wrap<T>(_ body: () async throws(StoreError) -> T) async throws(ExecutionError) -> T {
        do { return try await body() } catch { throw .store(error) }
    }
}
