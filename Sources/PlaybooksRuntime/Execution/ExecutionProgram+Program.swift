extension ExecutionProgram {
    /// The main agent of a loaded `.pb` program, ready to run.
    ///
    /// The agent's Python blocks are laid out at their own lines of the `.pb` file (the lines
    /// between them left blank), so tracebacks and checkpoints name lines of the program file.
    /// Throws when the entry playbook is a Markdown playbook: running those needs an LLM.
    public init(program: Program) throws(ExecutionError) {
        let agent = program.mainAgent
        let entry: PlaybookDefinition
        do { entry = try program.entryPlaybook } catch { throw .program(error.description) }
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
            entry: entry.name, markdownPlaybooks: agent.playbooks.filter(\.requiresLLM).map(\.name), hash: program.hash)
        for playbook in agent.playbooks where playbook.requiresLLM {
            markdownTexts[playbook.name] = playbook.markdownText(withStepIDs: true)
        }
        agentDescription = agent.description
        playbookSignatures = agent.playbooks.map { "\($0.name)(\($0.parameters.joined(separator: ", ")))" }
        catalog = agent.playbooks.map(PlaybookSummary.init)
    }
}
