import PlaybooksLanguage

/// A name and its value as Python's `repr`.
public struct NamedValue: Sendable, Equatable, Codable {
    public var name: String
    public var value: String
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// One running playbook on an execution's call stack.
public struct PlaybookFrameState: Sendable, Equatable, Codable {
    public var playbook: String
    /// The last step the playbook marked with `Step`, e.g. `Main:03:ACT`.
    public var step: String?
    /// The line the playbook is at in the program file.
    public var line: Int?
    public var locals: [NamedValue]
    /// For a Markdown playbook: the LLM response being executed (as received so far) and the
    /// part of it that has run.
    public var llmResponse: String? = nil
    public var executedCode: String? = nil
    /// For a Markdown playbook: messages in its LLM conversation.
    public var conversationLength: Int? = nil
}

/// One agent of a society as people and tools see it.
public struct AgentState: Sendable, Equatable, Codable {
    public var name: String
    /// Its `$name` state variables.
    public var variables: [NamedValue]
    /// Its running playbooks, outermost first.
    public var callStack: [PlaybookFrameState]
    /// What it waits for (`waits for a message from Host`, `is idle`, ...), or `nil` when it can go on.
    public var waitingFor: String?
}

/// A meeting of a society as people and tools see it.
public struct MeetingState: Sendable, Equatable, Codable {
    public var id: Int
    /// The host's meeting playbook.
    public var topic: String
    public var host: String
    /// The attendees invited: the agents, then the humans.
    public var invited: [String]
    /// The attendees in the meeting now (none once it ended); humans are in it from its start.
    public var joined: [String]
    /// The state its participants share, as `repr`s.
    public var sharedState: [NamedValue]
    /// The messages said in it, in order.
    public var messages: [Message]
    public var ended: Bool
    /// The humans among the attendees (`nil` when there are none).
    public var humans: [String]? = nil
}

/// A saved artifact.
public struct Artifact: Sendable, Equatable, Codable {
    public var name: String
    public var summary: String
    public var content: String
}

/// The state of an execution at a checkpoint, as people and tools see it: what the seed's
/// checkpoint calls `namespace` and `execution_state`.
public struct ExecutionState: Sendable, Equatable, Codable {
    /// The agent's `$name` state variables (names without the `$`).
    public var variables: [NamedValue]
    /// The program's module-level names (functions, classes and modules left out).
    public var namespace: [NamedValue]
    /// Running playbooks, outermost first.
    public var callStack: [PlaybookFrameState]
    public var transcript: [Message]
    public var artifacts: [Artifact]
    /// Agents of the execution, the main agent first.
    public var agents: [String]
    /// Meetings between agents, as `meeting ID: TOPIC (host HOST)`.
    public var meetings: [String]
    /// Each agent of a society (`nil` for one agent, whose state is ``variables`` and ``callStack``).
    public var agentStates: [AgentState]? = nil
    /// Each meeting of a society, ended ones too (`nil` for one agent).
    public var meetingStates: [MeetingState]? = nil
    /// What the execution's LLM calls used (calls, tokens, cost); `nil` when it made none.
    public var llmUsage: LLMUsageTotals? = nil

    /// The call stack in the seed's short form, e.g. `["Main:03:ACT"]`.
    public var callStackSummary: [String] { callStack.map { $0.step ?? $0.playbook } }
}

extension ExecutionRunner {
    /// The execution's state as it is now: the main agent's variables and call stack, and for a
    /// society every agent's, with the messages of all of them in the order they were said.
    public var state: ExecutionState {
        var state = ExecutionState(reading: members[0].vm, agent: members[0].program.agent)
        guard members.count > 1 else {
            // One agent's meetings (with human attendees only) are shown too.
            if !society.meetings.isEmpty { addMeetings(to: &state) }
            return state
        }
        state.agents = members.map(\.name)
        var said: [(message: Message, sequence: Int)] = []
        var usage = LLMUsageTotals()
        state.agentStates = members.map { member in
            let one = ExecutionState(reading: member.vm, agent: member.program.agent)
            said += PreludeGlobals(vm: member.vm).sequencedTranscript
            usage = usage.adding(LLMUsageTotals(reading: member.vm))
            return AgentState(
                name: member.name, variables: one.variables, callStack: one.callStack, waitingFor: blockedReason(member))
        }
        state.transcript = said.enumerated().sorted { ($0.element.sequence, $0.offset) < ($1.element.sequence, $1.offset) }
            .map(\.element.message)
        state.llmUsage = usage == LLMUsageTotals() ? nil : usage
        addMeetings(to: &state)
        return state
    }

    private func addMeetings(to state: inout ExecutionState) {
        let name = { (i: Int) in self.members[i].name }
        state.meetingStates = society.meetings.map { m in
            MeetingState(
                id: m.id, topic: m.topic, host: name(m.host), invited: m.invited.map(name) + m.humans,
                joined: m.joined.map(name) + (m.ended ? [] : m.humans),
                sharedState: m.shared.map {
                    NamedValue(name: $0.key.description, value: $0.value.description)
                }, messages: m.log.map { Message(sender: $0.sender, target: $0.target, text: $0.text) }, ended: m.ended,
                humans: m.humans.isEmpty ? nil : m.humans)
        }
        state.meetings = society.meetings.map { "meeting \($0.id): \($0.topic) (host \(name($0.host)))" }
    }

    /// The last journal record applied.
    public var checkpointCount: Int { journal.sequence }
}

extension ExecutionState {
    /// The state held by `vm`, which runs the prelude and the program of `agent`.
    init(reading vm: VirtualMachine, agent: String) {
        var variables: [NamedValue] = []
        for (k, v) in vm.stateVariables.pairs {
            variables.append(NamedValue(name: vm.strText(k), value: vm.reprText(v)))
        }
        var namespace: [NamedValue] = []
        for (name, value) in vm.globals.bindings where !name.hasPrefix("__") && name != "playbook" {
            switch value {
            case .function, .builtin, .module, .type, .boundMethod: continue
            default: namespace.append(NamedValue(name: name, value: vm.reprText(value)))
            }
        }
        let prelude = PreludeGlobals(vm: vm)
        var stack: [PlaybookFrameState] = []
        let frames = vm.callFrames
        var frameIndex = 0
        for frame in prelude.frames {
            let name = frame.playbook
            var state = PlaybookFrameState(playbook: name, step: frame.step, line: nil, locals: [])
            if case .str(let r)? = frame[.response] { state.llmResponse = r }
            state.executedCode = frame.executed
            state.conversationLength = frame.conversation(in: vm)?.count
            while frameIndex < frames.count, frames[frameIndex].function != name { frameIndex += 1 }
            if frameIndex < frames.count {
                state.line = frames[frameIndex].line
                state.locals = frames[frameIndex].locals.map { NamedValue(name: $0.name, value: vm.reprText($0.value)) }
                frameIndex += 1
            }
            stack.append(state)
        }
        self.init(
            variables: variables, namespace: namespace, callStack: stack, transcript: prelude.transcript,
            artifacts: prelude.artifacts, agents: [agent], meetings: [])
        let usage = LLMUsageTotals(reading: vm)
        if usage != LLMUsageTotals() { llmUsage = usage }
    }
}

extension ExecutionState {
    /// No variables, no frames, no messages.
    public static let empty = ExecutionState(
        variables: [], namespace: [], callStack: [], transcript: [], artifacts: [], agents: [], meetings: [])
}
