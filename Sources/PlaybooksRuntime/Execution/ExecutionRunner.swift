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
/// The runner is the execution's lifecycle (start, resume, inspect, run, send); the rest lives in
/// types of their own: ``ExecutionJournal`` (records, replay, snapshots, the lock),
/// ``BuiltinEffects`` (what `Say`, `Step`, `Return` and the artifacts do), ``AgentInstance`` and its
/// ``LLMSession`` (messages given to the agent, its LLM), and ``PreludeGlobals`` (the typed view of
/// the playbook frames the prelude keeps in the VM). Host calls are performed in
/// `ExecutionRunner+HostCalls.swift`, replayed in `ExecutionRunner+Replay.swift`.
///
/// ```swift
/// let store = try SQLiteCheckpointStore(path: ".playbooks/state.db", durability: .process)
/// let runner = try await ExecutionRunner.start(program: program, store: store)
/// runner.onEvent = { if case .said(let m) = $0 { print(m.text) } }
/// let outcome = try await runner.run()
/// // after a crash, in a new process:
/// let again = try await ExecutionRunner.resume(id: runner.id, program: program, store: store)
/// ```
///
/// A runner holds its execution's lock until it is freed or ``close()`` is called: in one process,
/// let the first runner go before resuming the same execution with a second one. ``Execution`` is
/// the `Sendable` handle for embedding, with events as an `AsyncSequence`.
public final class ExecutionRunner {
    public let id: ExecutionID
    /// Reports durable progress: messages said, steps, checkpoints. Set before ``run()``.
    public var onEvent: (ExecutionEvent) -> Void = { _ in }
    /// Asked after each await is recorded: when it returns true, ``run()`` stops there and throws
    /// ``ExecutionError/stopped(_:at:)`` (a worker shutting down finishes the current await this way).
    public var shouldStop: () -> Bool = { false }

    /// The agents of the execution, the main agent first: one for most programs, every AI agent
    /// of the program for a society. Each has its own VM (code, state variables, call stack, LLM
    /// conversations) and its own LLM session.
    private(set) var members: [SocietyMember]
    /// The agent whose await is being answered or performed.
    private(set) var current: SocietyMember
    /// What the host keeps between the agents (messages not yet taken, calls not yet served).
    var society: SocietyState
    var info: ExecutionInfo
    let journal: ExecutionJournal
    let externals: [String: ExternalFunction]
    /// What the runner was made with (an agent made by `CreateAgent` gets its VM and LLM session from them).
    let options: RunnerOptions
    /// The program file's lines, for the statement of each record and for tracebacks.
    let sourceLines: [Substring]
    /// Inspection never performs a call or writes anything.
    let inspecting: Bool
    /// Sees each replayed record before it is applied (``trace(id:program:store:)``).
    var traceRecorder: LLMTraceRecorder?
    /// The store error that ended this runner (see ``run()``).
    private var storeFailure: ExecutionError?

    /// The agent being run (see ``current``): its VM, its host-side part, its program.
    var vm: VirtualMachine { current.vm }
    var agent: AgentInstance { current.agent }
    var program: ExecutionProgram { current.program }

    /// `vms`: one per agent of `program.society`, in order.
    init(
        program: ExecutionProgram, vms: [VirtualMachine], society: SocietyState, info: ExecutionInfo, journal: ExecutionJournal,
        options: RunnerOptions, inspecting: Bool
    ) {
        self.id = journal.id
        let given = Self.messagesGiven(info)
        let parts = program.society
        var members: [SocietyMember] = []
        for (index, vm) in vms.enumerated() {
            var part = parts[0]
            var name = part.agent
            if index < parts.count {
                part = parts[index]
                name = part.agent
            } else if index - parts.count < society.created.count {
                let created = society.created[index - parts.count]
                part = parts.first { $0.agent == created.klass } ?? parts[0]
                name = created.name
            }
            members.append(
                Self.member(index: index, name: name, program: part, vm: vm, options: options, messages: index == 0 ? given : []))
        }
        self.members = members
        self.current = members[0]
        self.society = society
        self.info = info
        self.journal = journal
        self.options = options
        self.externals = Dictionary(options.externals.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last })
        self.inspecting = inspecting
        self.sourceLines = program.text.split(separator: "\n", omittingEmptySubsequences: false)
        for member in members { configure(member) }
    }

    /// A member of the society with its own LLM session.
    static func member(
        index: Int, name: String, program: ExecutionProgram, vm: VirtualMachine, options: RunnerOptions, messages: [String]
    ) -> SocietyMember {
        let agent = AgentInstance(
            name: name, messages: messages,
            llm: LLMSession(
                provider: options.llm, model: options.llmModel, settings: options.agentLoop, budget: options.llmBudget,
                price: options.llmPrice))
        return SocietyMember(index: index, name: name, program: program, vm: vm, agent: agent)
    }

    /// Sets up `member`'s VM for this runner: the names its code must await, where its prints go.
    func configure(_ member: SocietyMember) {
        // The LLM's code must await the built-ins, the playbooks and the tools (a call without
        // `await` would silently do nothing).
        var mustAwait = Set(HostBuiltin.allCases.filter { !$0.isLLM }.map(\.rawValue))
        mustAwait.formUnion(member.program.catalog.map(\.name))
        mustAwait.formUnion(member.program.markdownPlaybooks)
        mustAwait.formUnion(options.externals.map(\.name))
        mustAwait.insert("CreateAgent")
        member.vm.namesToAwait = mustAwait
        member.vm.output = { [weak self] text in
            guard let self, !self.inspecting, !self.journal.isReplaying else { return }
            self.onEvent(.printed(text))
        }
    }

    /// Adds an agent made by `CreateAgent` to the society: a fresh VM of its class, its start
    /// playbooks to run, `variables` as its state.
    func addMember(klass: String, name: String, variables: [PortableEntry]) throws(ExecutionError) {
        let parts = members[0].program.society
        guard let part = parts.first(where: { $0.agent == klass }) else { return }
        let vm = try Self.freshVM(
            program: part, options: options, main: false, others: Self.preludeAgents(parts), own: klass)
        for entry in variables {
            if case .str(let key) = entry.key { vm.stateVariables.set(key, entry.value.makeValue()) }
        }
        society.addMember(.init(klass: klass, name: name))
        let member = Self.member(index: members.count, name: name, program: part, vm: vm, options: options, messages: [])
        members.append(member)
        configure(member)
    }

    /// Makes `member` the agent being run.
    func select(_ member: SocietyMember) {
        current = member
        member.snapshotCache = nil
    }

    /// Releases the execution for other holders (also done when the runner is freed).
    public func close() { journal.release() }

    /// Whether failpoints throw ``ExecutionError/crashed(_:at:)`` instead of killing the process (tests).
    package var simulatesCrashes: Bool {
        get { journal.simulatesCrashes }
        set { journal.simulatesCrashes = newValue }
    }

    // MARK: Starting and resuming

    /// Starts a new execution of `program` and records it in `store`.
    /// - Parameters:
    ///   - id: the execution's id; a fresh one when `nil`.
    ///   - options: host functions, messages, LLM, snapshot policy and limits.
    public static func start(
        program: ExecutionProgram, store: any CheckpointStore, id: ExecutionID? = nil, options: RunnerOptions = RunnerOptions()
    ) async throws(ExecutionError) -> ExecutionRunner {
        let id = id ?? ExecutionID.generate()
        do { return try await startNamed(program: program, store: store, id: id, options: options) } catch { throw error.naming(id) }
    }

    private static func startNamed(
        program: ExecutionProgram, store: any CheckpointStore, id: ExecutionID, options: RunnerOptions
    ) async throws(ExecutionError) -> ExecutionRunner {
        let lock = try ExecutionJournal.wrap { () throws(StoreError) in try store.lock(id) }
        var info = newInfo(program: program, id: id)
        if !options.messages.isEmpty { info.attributes[messagesAttribute] = encodeMessages(options.messages) }
        let vms = try freshVMs(program: program, options: options)
        try await ExecutionJournal.wrap { () async throws(StoreError) in try await store.createExecution(info) }
        let journal = ExecutionJournal(id: id, store: store, lock: lock, policy: options.policy, failpoints: options.failpoints)
        return ExecutionRunner(
            program: program, vms: vms, society: SocietyState(members: vms.count), info: info, journal: journal, options: options,
            inspecting: false)
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
        try await ExecutionJournal.wrap { () async throws(StoreError) in try await queue.submit(info, programText: program.text) }
        return id
    }

    /// Continues an execution from its last checkpoint: after a crash, or with the message it waits for.
    /// Messages in `options` are added to those given before (at the start or an earlier resume)
    /// that the code has not taken yet.
    ///
    /// Throws when the execution does not exist, has ended, is in use by another holder, its
    /// journal lost records, or `program` is not the program it began with.
    public static func resume(
        id: ExecutionID, program: ExecutionProgram, store: any CheckpointStore, options: RunnerOptions = RunnerOptions()
    ) async throws(ExecutionError) -> ExecutionRunner {
        do { return try await resumeNamed(id: id, program: program, store: store, options: options) } catch { throw error.naming(id) }
    }

    private static func resumeNamed(
        id: ExecutionID, program: ExecutionProgram, store: any CheckpointStore, options: RunnerOptions
    ) async throws(ExecutionError) -> ExecutionRunner {
        guard var info = try await ExecutionJournal.wrap({ () async throws(StoreError) in try await store.loadExecution(id) })
        else { throw .store(.executionNotFound(id)) }
        guard info.status == .running || info.status == .waiting else { throw .notResumable(id, status: info.status) }
        guard info.programHash == program.hash else { throw .programChanged(id, path: info.programPath) }
        let lock = try ExecutionJournal.wrap { () throws(StoreError) in try store.lock(id) }
        info.status = .running
        info.attributes["waiting_for"] = nil
        if !options.messages.isEmpty {
            // Kept with the execution before it runs: a crash from here on loses none of them.
            info.attributes[messagesAttribute] = encodeMessages(messagesGiven(info) + options.messages)
        }
        let restored = try await ExecutionJournal.load(id, from: store, upTo: nil)
        let journal = ExecutionJournal(
            id: id, store: store, lock: lock, policy: options.policy, failpoints: options.failpoints, restored: restored)
        let (vms, society) = try restoredVMs(restored, program: program, options: options, id: id)
        let runner = ExecutionRunner(
            program: program, vms: vms, society: society, info: info, journal: journal, options: options, inspecting: false)
        try await runner.saveInfo()
        return runner
    }

    /// The execution's state at checkpoint `sequence` (the latest when `nil`), restored without
    /// performing or writing anything.
    public static func inspect(
        id: ExecutionID, program: ExecutionProgram, store: any CheckpointStore, upTo sequence: Int? = nil,
        limits: Limits = .playbookDefaults
    ) async throws(ExecutionError) -> ExecutionRunner {
        guard let info = try await ExecutionJournal.wrap({ () async throws(StoreError) in try await store.loadExecution(id) })
        else { throw .store(.executionNotFound(id)) }
        let options = RunnerOptions(limits: limits).with(failpoints: Failpoints())
        let restored = try await ExecutionJournal.load(id, from: store, upTo: sequence)
        let journal = ExecutionJournal(
            id: id, store: store, lock: nil, policy: options.policy, failpoints: options.failpoints, restored: restored)
        let (vms, society) = try restoredVMs(restored, program: program, options: options, id: id)
        let runner = ExecutionRunner(
            program: program, vms: vms, society: society, info: info, journal: journal, options: options, inspecting: true)
        _ = try runner.advance()
        return runner
    }

    /// The VMs of a restored execution (one per agent) and the society's state: its snapshot
    /// decoded, or the program loaded afresh when the journal has no snapshot yet.
    static func restoredVMs(
        _ restored: ExecutionJournal.Restored, program: ExecutionProgram, options: RunnerOptions, id: ExecutionID
    ) throws(ExecutionError) -> ([VirtualMachine], SocietyState) {
        let count = program.society.count
        guard let snapshot = restored.snapshot else {
            return (try freshVMs(program: program, options: options), SocietyState(members: count))
        }
        let damaged = { (why: String) -> ExecutionError in .damaged(id, "snapshot at record \(snapshot.sequence) does not decode: \(why)") }
        var parts = [snapshot.bytes]
        var society = SocietyState(members: count)
        if SocietySnapshot.isSociety(snapshot.bytes) {
            do { (society, parts) = try SocietySnapshot.decode(snapshot.bytes, members: count) } catch { throw damaged("\(error)") }
        } else if count != 1 {
            throw damaged("it holds one agent, and the program has \(count)")
        }
        var vms: [VirtualMachine] = []
        for bytes in parts {
            do { vms.append(try VirtualMachine(snapshot: bytes, limits: options.limits)) } catch { throw damaged("\(error)") }
        }
        return (vms, society)
    }

    /// One VM per agent of `program.society`, each with the host functions registered, the
    /// prelude run and the agent's code loaded, ready to run the entry playbook (the main agent)
    /// or the start playbooks and then serve calls (the others).
    static func freshVMs(program: ExecutionProgram, options: RunnerOptions) throws(ExecutionError) -> [VirtualMachine] {
        let society = program.society
        var vms: [VirtualMachine] = []
        for (index, part) in society.enumerated() {
            vms.append(
                try freshVM(
                    program: part, options: options, main: index == 0, others: society.count > 1 ? preludeAgents(society) : nil,
                    own: part.agent))
        }
        return vms
    }

    /// Every agent class of a society, as the prelude makes objects of them.
    static func preludeAgents(_ society: [ExecutionProgram]) -> [String] {
        society.map(\.agent)
    }

    /// The VM of one agent; `others`: every agent class of a society and its playbooks (`nil`: no society), `own` this agent's class.
    static func freshVM(
        program: ExecutionProgram, options: RunnerOptions, main: Bool = true, others: [String]? = nil,
        own: String = ""
    ) throws(ExecutionError) -> VirtualMachine {
        let vm = VirtualMachine(limits: options.limits)
        for name in HostBuiltin.allCases { vm.registerHostFunction(name.rawValue) }
        for e in options.externals { vm.registerHostFunction(e.name) }
        vm.exposeStatementRunner(as: "__pb_run__")
        vm.globals[PreludeGlobals.Name.state.rawValue] = .dict(vm.stateVariables)
        let markdown = program.markdownPlaybooks.map { name in
            let summary = program.catalog.first { $0.name == name }
            return Prelude.MarkdownPlaybook(name: name, parameters: summary?.parameters ?? [], raw: summary?.mode == .raw)
        }
        var prelude = Prelude.source(
            agent: program.agent, markdown: markdown, settings: options.agentLoop, conditions: program.conditionTriggers,
            meetings: program.meetingPlaybooks, humans: program.humanAgents)
        if let others {
            prelude += Prelude.society(agents: others, own: own)
        } else {
            prelude += Prelude.solo(agent: program.agent, playbooks: program.catalog.map(\.name) + program.markdownPlaybooks)
        }
        do {
            try vm.load(source: prelude, filename: Prelude.filename)
        } catch {
            throw .program("internal error: the prelude does not compile: \(error)")
        }
        guard case .finished = vm.run() else { throw .program("internal error: the prelude failed to run") }
        let entry = main ? Prelude.entry(program.entry) : Prelude.serving(program.startPlaybooks)
        do {
            try vm.load(source: program.pythonSource + "\n" + entry, filename: program.path, firstLine: program.pythonFirstLine)
        } catch {
            throw .program("\(program.path), line \(error.line): \(error.kind): \(error.message)")
        }
        return vm
    }

    // MARK: Running

    enum Stop {
        case live(HostCall)
        /// An agent other than the main one ran to its end (it serves no more calls).
        case agentEnded
        case finished
        case failed(PyException)
    }

    /// Runs the agents' VMs, answering recorded awaits from the journal (each record names its
    /// agent), until the current agent needs a live answer or the execution ends.
    ///
    /// An agent whose await was answered runs on to its next await before anything else happens
    /// (live and in replay alike): so every agent not running stands at an await, which is what
    /// the scheduler looks at, and a resumed execution's agents stand where the uninterrupted
    /// run's stood.
    func advance() throws(ExecutionError) -> Stop {
        while true {
            current.snapshotCache = nil  // it runs: its VM changes
            guard let call = vm.pendingCall else {
                if current.finished {
                    throw .damaged(id, "agent \(current.program.agent) ended, but journal record \(journal.sequence + 1) is its")
                }
                switch vm.run() {
                case .finished:
                    if current.index == 0 { return .finished }
                    current.finished = true
                    if journal.isReplaying { continue }
                    return .agentEnded
                case .failed(let e): return .failed(e)
                case .suspended, .awaitPoint: continue
                }
            }
            guard journal.isReplaying else { return .live(call) }
            let index = try journal.nextAgent()
            guard index < members.count else {
                throw .damaged(
                    id, "journal record \(journal.sequence + 1) is of agent \(index), but the program has \(members.count) agents")
            }
            if members[index] !== current {
                select(members[index])
                continue
            }
            try answerFromJournal(call)
        }
    }

    /// Gives the code a message for its next `WaitForMessage` / `Yield` (for example after
    /// ``run()`` returned ``ExecutionOutcome/waitingForMessage(source:)``); call ``run()`` again,
    /// which makes it durable with the execution before going on.
    public func send(_ message: String) {
        let user = members[0].agent
        user.messages.append(message)
        info.attributes[Self.messagesAttribute] = Self.encodeMessages(user.messages)
        user.messagesUnsaved = true
    }

    /// The execution info's attribute that keeps every message given to the agent (a JSON array).
    static let messagesAttribute = "messages"

    static func messagesGiven(_ info: ExecutionInfo) -> [String] {
        guard let text = info.attributes[messagesAttribute],
            let list = try? JSONDecoder().decode([String].self, from: Data(text.utf8))
        else { return [] }
        return list
    }

    static func encodeMessages(_ messages: [String]) -> String {
        (try? JSONEncoder().encode(messages)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }

    /// Runs until the entry playbook returns, fails, or waits for a message that was not given.
    ///
    /// A store error ends the runner: the write that failed may or may not have reached the disk
    /// (a failed fsync tells nothing about what is there), so this runner's state is no longer
    /// known to match the store's. Every later call throws the same error; ``resume(id:program:store:options:)``
    /// continues the execution from what the store holds.
    public func run() async throws(ExecutionError) -> ExecutionOutcome {
        if let storeFailure { throw storeFailure }
        do { return try await runUntilStop() } catch {
            guard case .store = error else { throw error }
            let named = error.naming(id)
            storeFailure = named
            throw named
        }
    }

    private func runUntilStop() async throws(ExecutionError) -> ExecutionOutcome {
        if info.status == .waiting || members[0].agent.messagesUnsaved {
            info.status = .running
            info.attributes["waiting_for"] = nil
            try await saveInfo()
            members[0].agent.messagesUnsaved = false
        }
        if let recovery = journal.recovery {
            journal.recovery = nil
            onEvent(recovery)
        }
        while true {
            if society.ended { return try await finish() }
            switch try advance() {
            case .finished:
                return try await finish()
            case .failed(let e):
                return try await fail(formattedTraceback(e))
            case .agentEnded:
                if let next = try nextRunnable() {
                    select(next)
                    continue
                }
                return try await fail(deadlockText())
            case .live(let call):
                if let waiting = try await performLive(call) {
                    // This agent waits: another goes on, or — when none can — the execution waits.
                    if let next = try nextRunnable() {
                        select(next)
                        continue
                    }
                    if members.count > 1, !waitsForUser() {
                        return try await fail(deadlockText())
                    }
                    // A society's snapshot holds every agent: written when the policy asks, not at every wait.
                    if members.count == 1 || journal.snapshotIsDue { try await writeSnapshot() }
                    info.status = .waiting
                    // In a society, or in a meeting with human attendees, the message comes from the user.
                    let source = members.count > 1 || humanSpeaker(for: current, from: waiting) != nil ? "user" : waiting
                    info.attributes["waiting_for"] = source
                    try await saveInfo()
                    return .waitingForMessage(source: source)
                }
                if shouldStop() { throw .stopped(id, at: journal.sequence) }
            }
        }
    }

    /// Ends the execution as finished, with the main agent's result.
    private func finish() async throws(ExecutionError) -> ExecutionOutcome {
        let vm = members[0].vm
        let value = PreludeGlobals(vm: vm).result ?? .none
        let result = ExecutionResult(value: try? PortableValue(value), repr: vm.reprText(value))
        info.status = .finished
        info.attributes["result"] = result.repr
        try await saveInfo()
        journal.release()
        return .finished(result)
    }

    /// Ends the execution as failed, with `text` as its error.
    private func fail(_ text: String) async throws(ExecutionError) -> ExecutionOutcome {
        info.status = .failed
        info.attributes["error"] = text
        try await saveInfo()
        journal.release()
        return .failed(traceback: text)
    }

    /// The traceback as the user should see it: the program's frames with its file and lines, an
    /// LLM response's frames as `<llm>`, and none of the runtime's own (the prelude, and the
    /// statement appended to the program that calls the entry playbook).
    func formattedTraceback(_ e: PyException) -> String {
        let path = program.path
        let entryLine = program.pythonFirstLine + program.pythonSource.reduce(0) { $1 == "\n" ? $0 + 1 : $0 } + 1
        return e.formattedTraceback(vm, filename: path, sourceLines: sourceLines) { file, function, line in
            file == Prelude.filename || (file == path && function == "<module>" && line == entryLine)
        }
    }

    func saveInfo() async throws(ExecutionError) {
        info.updatedAt = Date()
        let current = info
        let store = journal.store
        try await ExecutionJournal.wrap { () async throws(StoreError) in try await store.updateExecution(current) }
    }

    /// Writes a snapshot of the execution as it is now (each agent suspended on its await after
    /// the last record): the VM's own for one agent, a ``SocietySnapshot`` for several (and for one
    /// agent that hosted a meeting, whose state the host keeps).
    func writeSnapshot() async throws(ExecutionError) {
        let members = self.members
        let society = self.society
        try await journal.writeSnapshot(program: members[0].program) {
            // One agent writes its VM's snapshot alone, unless the host keeps something for it (its meetings).
            if members.count == 1, society.isEmpty { return members[0].vm.encodeSnapshot() }
            return SocietySnapshot.encode(state: society, agents: members.map { $0.snapshotBytes() })
        }
    }
}
