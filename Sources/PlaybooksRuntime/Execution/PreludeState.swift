import PlaybooksLanguage

/// The keys of the dict the prelude keeps for each running playbook on `__pb_stack__`. The prelude
/// (``Prelude``) writes these dicts in Python; the host reads and writes them only through
/// ``PlaybookFrame``, so the contract between the two sides is this one list.
enum PlaybookFrameKey: String, CaseIterable {
    /// The playbook's name.
    case playbook
    /// The last step id marked with `Step`, or `None`.
    case step
    /// Set by `Return(value)`, with ``value``.
    case returned
    case value
    /// Markdown playbooks: the LLM conversation, a list of turns: `[role, text]` pairs and the logs
    /// of what replies did (see ``ConversationTurn``).
    case conversation
    /// Markdown playbooks: the LLM response being executed, as received so far.
    case response
    /// Markdown playbooks: the part of ``response`` that has run.
    case executed
    /// Markdown playbooks: the index of the current LLM call in the execution.
    case call
    /// Markdown playbooks: the index of the current LLM call among this agent's calls for this playbook
    /// (what a scripted reply keyed `Agent.Playbook` is numbered by).
    case keyCall = "key_call"
    /// Markdown playbooks: once the whole response had arrived, the statements not yet run, as `[text, line]` pairs.
    case rest
    /// Markdown playbooks: the statement of the response that is running.
    case statement
    /// Markdown playbooks: the journal record that delivered ``statement`` (records of its awaits refer to it).
    case statementRecord = "statement_record"
    /// Markdown playbooks: what the current reply's statements did so far, a list of entries
    /// (see ``ResponseLog/Entry``).
    case log
}

/// A typed view of one running playbook's frame (a dict the prelude keeps on `__pb_stack__`).
struct PlaybookFrame {
    let dict: DictObject

    subscript(_ key: PlaybookFrameKey) -> Value? {
        get { dict.get(key.rawValue) }
        nonmutating set { dict.set(key.rawValue, newValue ?? .none) }
    }

    var playbook: String {
        if case .str(let s)? = self[.playbook] { return s }
        return "<module>"
    }

    var step: String? {
        if case .str(let s)? = self[.step] { return s }
        return nil
    }

    /// Markdown playbooks: the response received so far ("" before the first statement).
    var response: String {
        if case .str(let s)? = self[.response] { return s }
        return ""
    }

    var executed: String? {
        if case .str(let s)? = self[.executed] { return s }
        return nil
    }

    /// The statement of the response that is running, without its final line break.
    var statement: String? {
        guard case .str(let text)? = self[.statement] else { return nil }
        return text.hasSuffix("\n") ? String(text.dropLast()) : text
    }

    var statementRecord: Int? {
        if case .int(let i)? = self[.statementRecord] { return i }
        return nil
    }

    var callIndex: Int {
        if case .int(let i)? = self[.call] { return i }
        return 0
    }

    var keyCallIndex: Int {
        if case .int(let i)? = self[.keyCall] { return i }
        return 0
    }

    /// Markdown playbooks: the LLM conversation, oldest turn first.
    func conversation(in vm: VirtualMachine) -> [ConversationTurn]? {
        guard case .list(let list)? = self[.conversation] else { return nil }
        return list.items.compactMap { ConversationTurn(decoding: $0, in: vm) }
    }

    /// Whether this frame runs an LLM reply and keeps a log of what it does.
    var keepsLog: Bool { dict.get(PlaybookFrameKey.log.rawValue) != nil }

    /// Adds `entry` to the log of the reply being run.
    func appendToLog(_ entry: [Value]) {
        if case .list(let log)? = self[.log] { log.items.append(.list(ListObject(entry))) }
    }

    /// Statements of the current response that had arrived but not run — kept once the whole
    /// response had arrived; `nil` while it was still streaming.
    var savedRest: [StatementSplitter.Statement]? {
        guard case .list(let rest)? = self[.rest] else { return nil }
        return rest.items.compactMap { item in
            guard case .list(let p) = item, p.items.count == 2, case .str(let t) = p.items[0], case .int(let l) = p.items[1]
            else { return nil }
            return StatementSplitter.Statement(text: t, line: l)
        }
    }
}

/// A typed view of the hidden globals the prelude defines (see ``Prelude``): the playbook stack,
/// the transcript, the artifacts and the entry playbook's result.
struct PreludeGlobals {
    enum Name: String {
        case stack = "__pb_stack__"
        case transcript = "__pb_transcript__"
        case artifacts = "__pb_artifacts__"
        case result = "__pb_result__"
        /// How many of the messages given to the agent its code has taken (set by the host).
        case messagesTaken = "__pb_messages_taken__"
        /// The agent's `$name` state variables as a dict (bound by the host to the VM's own dict).
        case state = "__pb_state__"
    }

    let vm: VirtualMachine

    private func list(_ name: Name) -> ListObject? {
        if case .list(let l)? = vm.globals[name.rawValue] { return l }
        return nil
    }

    private func dict(_ name: Name) -> DictObject? {
        if case .dict(let d)? = vm.globals[name.rawValue] { return d }
        return nil
    }

    /// Running playbooks, outermost first.
    var frames: [PlaybookFrame] {
        guard let stack = list(.stack) else { return [] }
        return stack.items.compactMap { if case .dict(let d) = $0 { return PlaybookFrame(dict: d) } else { return nil } }
    }

    /// The innermost running playbook.
    var current: PlaybookFrame? {
        guard case .dict(let top)? = list(.stack)?.items.last else { return nil }
        return PlaybookFrame(dict: top)
    }

    /// The innermost running playbook that runs an LLM reply (and so keeps a log), if any.
    var nearestLogging: PlaybookFrame? { frames.last(where: \.keepsLog) }

    /// How many playbooks are running (the innermost one's depth).
    var depth: Int { list(.stack)?.items.count ?? 0 }

    /// How many messages given to the agent the code has received (0 before the first).
    var messagesTaken: Int {
        get {
            if case .int(let n)? = vm.globals[Name.messagesTaken.rawValue] { return n }
            return 0
        }
        nonmutating set { vm.globals[Name.messagesTaken.rawValue] = .int(newValue) }
    }

    /// The entry playbook's result, once it returned.
    var result: Value? { vm.globals[Name.result.rawValue] }

    /// Adds `message` to the agent's transcript; in a society with the sequence of the record
    /// that said it, which orders the agents' transcripts into the execution's.
    func appendToTranscript(_ message: Message, sequence: Int? = nil) {
        var fields: [Value] = [.str(message.sender), .str(message.target), .str(message.text)]
        if let sequence { fields.append(.int(sequence)) }
        list(.transcript)?.items.append(.tuple(TupleItems(fields)))
    }

    var transcript: [Message] { sequencedTranscript.map(\.message) }

    /// The transcript with each message's record sequence (0 where it was not kept).
    var sequencedTranscript: [(message: Message, sequence: Int)] {
        guard let list = list(.transcript) else { return [] }
        return list.items.compactMap { item in
            guard case .tuple(let t) = item, t.count == 3 || t.count == 4 else { return nil }
            var sequence = 0
            if t.count == 4, case .int(let n) = t[3] { sequence = n }
            return (Message(sender: vm.strText(t[0]), target: vm.strText(t[1]), text: vm.strText(t[2])), sequence)
        }
    }

    func saveArtifact(name: String, summary: Value, content: Value) {
        let entry = DictObject()
        entry.set("summary", summary)
        entry.set("content", content)
        dict(.artifacts)?.set(name, .dict(entry))
    }

    func artifactContent(named name: String) -> Value? {
        guard case .dict(let fields)? = dict(.artifacts)?.get(name) else { return nil }
        return fields.get("content")
    }

    var artifacts: [Artifact] {
        guard let d = dict(.artifacts) else { return [] }
        return d.pairs.compactMap { (k, v) in
            guard case .dict(let fields) = v else { return nil }
            return Artifact(
                name: vm.strText(k), summary: fields.get("summary").map { vm.strText($0) } ?? "",
                content: fields.get("content").map { vm.strText($0) } ?? "")
        }
    }
}
