extension ExecutionProgram {
    /// The agents of a loaded `.pb` program, ready to run: the main agent (the first AI agent)
    /// described by the value itself, the other AI agents in ``otherAgents``.
    ///
    /// Each agent's Python blocks are laid out at their own lines of the `.pb` file (the lines
    /// between them left blank), so tracebacks and checkpoints name lines of the program file.
    /// Throws when the main agent has no playbook to start with.
    public init(program: Program) throws(ExecutionError) {
        let entry: PlaybookDefinition
        do { entry = try program.entryPlaybook } catch { throw .program(error.description) }
        self.init(program: program, agent: program.mainAgent, entry: entry.name)
        humanAgents = program.agents.filter { $0.kind == .human }.map(\.name)
        for other in program.agents where other.kind == .ai && other.name != program.mainAgent.name {
            var part = ExecutionProgram(program: program, agent: other, entry: "")
            part.startPlaybooks = other.playbooks.filter(\.hasStartTrigger).map(\.name)
            part.humanAgents = humanAgents
            otherAgents.append(part)
        }
        let everyone = society
        let peers = everyone.map { part in
            Peer(
                name: part.agent, description: part.agentDescription,
                publicPlaybooks: part.catalog.filter { part.publicPlaybooks.contains($0.name) }.map(\.signature))
        }
        if everyone.count > 1 {
            self.peers = peers.filter { $0.name != agent }
            for i in otherAgents.indices {
                let name = otherAgents[i].agent
                otherAgents[i].peers = peers.filter { $0.name != name }
            }
        }
    }

    /// One agent of `program`; `entry` is empty for an agent that is not the main one.
    init(program: Program, agent: AgentDefinition, entry: String) {
        var source = ""
        var line = 1
        for block in agent.pythonBlocks.sorted(by: { $0.firstLine < $1.firstLine }) {
            if block.firstLine > line {
                source += String(repeating: "\n", count: block.firstLine - line)
                line = block.firstLine
            }
            source += block.source
            if !block.source.hasSuffix("\n") { source += "\n" }
            line = block.lastLine + 1
        }
        self.init(
            path: program.path, text: program.text, agent: agent.name, pythonSource: source, pythonFirstLine: 1,
            entry: entry, markdownPlaybooks: agent.playbooks.filter(\.requiresLLM).map(\.name), hash: program.hash)
        for playbook in agent.playbooks where playbook.requiresLLM {
            markdownTexts[playbook.name] = playbook.markdownText(withStepIDs: true)
        }
        agentDescription = agent.description
        playbookSignatures = agent.playbooks.map { "\($0.name)(\($0.parameters.joined(separator: ", ")))" }
        catalog = agent.playbooks.map(PlaybookSummary.init)
        publicPlaybooks = agent.playbooks.filter(\.isPublic).map(\.name)
        messageTriggers = agent.playbooks.flatMap { playbook in
            playbook.triggers.compactMap { MessageTrigger(playbook: playbook.name, text: $0.text, line: $0.line) }
        }
        let meetings = agent.playbooks.filter(\.isMeeting)
        meetingPlaybooks = meetings.map {
            MeetingPlaybook(name: $0.name, required: $0.requiredAttendees, optional: $0.optionalAttendees)
        }
        invitedPlaybook =
            (meetings.first { $0.triggers.contains { $0.text.lowercased().contains("invited") } } ?? meetings.first)?.name
        conditionTriggers = agent.playbooks.flatMap { playbook in
            playbook.triggers.filter { $0.kind == .condition }.compactMap {
                ConditionTrigger(playbook: playbook.name, text: $0.text, line: $0.line)
            }
        }
    }
}
