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
    /// What kind of agent this is: from `# Name:Human` / `# Name:MCP`, or `remote:` metadata.
    public var kind: Kind
    /// The `#` heading as written (`Head Chef`, `User:Human`); ``name`` is the identifier made of it.
    public var heading: String
    /// The `key: value` lines under the heading (and a `metadata:` block's entries), e.g. a human's
    /// `name` and `delivery_channel`, or an MCP agent's `remote`.
    public var metadata: Metadata

    /// The kinds of agent a program can declare.
    public enum Kind: String, Sendable, Equatable, Codable {
        /// An agent whose playbooks this runtime runs (Python, or Markdown through an LLM).
        case ai
        /// A person (`# User:Human`): messages to it go to a human.
        case human
        /// A remote MCP server whose tools are its playbooks (`# Name:MCP`, or `remote: {type: mcp}`).
        case mcp
    }

    public init(
        name: String, description: String, line: Int, playbooks: [PlaybookDefinition], pythonBlocks: [PythonBlock],
        kind: Kind = .ai, heading: String? = nil, metadata: Metadata = Metadata()
    ) {
        self.name = name
        self.description = description
        self.line = line
        self.playbooks = playbooks
        self.pythonBlocks = pythonBlocks
        self.kind = kind
        self.heading = heading ?? name
        self.metadata = metadata
    }

    /// The playbook called `name`, if the agent has one.
    public func playbook(named name: String) -> PlaybookDefinition? {
        playbooks.first { $0.name == name }
    }

    /// Whether any playbook of the agent is Markdown (so running the agent may need an LLM).
    public var requiresLLM: Bool { playbooks.contains { $0.requiresLLM } }
}
