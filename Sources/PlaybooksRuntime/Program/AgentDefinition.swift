/// An agent of a `.pb` program: an `# Name` heading, its description, and its playbooks.
public struct AgentDefinition: Sendable, Equatable {
    public var name: String
    /// The paragraph text between the `#` heading and the first `##` heading or code block.
    public var description: String
    /// The `.pb` line of the `#` heading.
    public var line: Int
    /// The agent's playbooks, Python and Markdown, in file order.
    public var playbooks: [PlaybookDefinition]
    /// The agent's python blocks in file order; `@playbook` functions and their helpers live here.
    public var pythonBlocks: [PythonBlock]

    public init(
        name: String, description: String, line: Int, playbooks: [PlaybookDefinition], pythonBlocks: [PythonBlock]
    ) {
        self.name = name
        self.description = description
        self.line = line
        self.playbooks = playbooks
        self.pythonBlocks = pythonBlocks
    }

    /// The playbook called `name`, if the agent has one.
    public func playbook(named name: String) -> PlaybookDefinition? {
        playbooks.first { $0.name == name }
    }

    /// Whether any playbook of the agent is Markdown (so running the agent may need an LLM).
    public var requiresLLM: Bool { playbooks.contains { $0.requiresLLM } }
}
