import Foundation

/// A loaded `.pb` program: its agents, their playbooks, and the hash of the exact file.
///
/// A program is Markdown. `# Name` starts an agent (the first is the main agent), the paragraph after
/// it describes the agent, a ```` ```python ```` block defines `@playbook` functions, and a
/// `## Name(params) -> Type` section with `### Triggers`, `### Steps` and `### Notes` is a playbook
/// an LLM carries out.
///
/// ```swift
/// let program = try Program(parsing: """
///     # OrderAgent
///     Helps customers with their orders.
///
///     ```python
///     @playbook
///     async def Main():
///         await Say("user", "Hello!")
///     ```
///     """, path: "order.pb")
/// program.mainAgent.name            // "OrderAgent"
/// try program.entryPlaybook.name    // "Main"
/// program.hash                      // SHA-256 of the text, 64 hex digits
/// ```
public struct Program: Sendable, Equatable {
    /// The file the program came from, as given.
    public var path: String
    /// The program text.
    public var text: String
    /// SHA-256 of the file's bytes, 64 lowercase hex digits. An execution records it so that a resume can
    /// tell the program changed.
    public var hash: String
    /// The agents in file order; never empty.
    public var agents: [AgentDefinition]
    /// The agent the program starts with: the first AI agent of the file (human and MCP agents are
    /// skipped), or the first agent when there is no AI agent.
    public var mainAgent: AgentDefinition
    /// The YAML front matter between `---` lines at the top of the file (`title`, `author`, ...).
    public var frontMatter: Metadata
    /// Lenient readings made while parsing (e.g. `## Steps` taken as `### Steps`).
    public var notices: [ProgramNotice]

    /// Parses program text. `path` names the file in errors and tracebacks. A UTF-8 byte-order
    /// mark at the start (as some editors write) is not part of the program.
    public init(parsing text: String, path: String) throws(ProgramError) {
        let text = text.unicodeScalars.first == "\u{FEFF}" ? String(text.unicodeScalars.dropFirst()) : text
        var parser = ProgramParser(text: text, path: path)
        let parsed = try parser.parse()
        let agents = parsed.agents
        guard let main = agents.first(where: { $0.kind == .ai }) ?? agents.first else {
            throw ProgramError(.noAgent, path: path, line: 1, message: "no agent: a program needs an `# AgentName` heading")
        }
        self.path = path
        self.text = text
        self.hash = SHA256.hexDigest(of: text)
        self.agents = agents
        self.mainAgent = main
        self.frontMatter = parsed.frontMatter
        self.notices = parsed.notices
    }

    /// Reads and parses the program at `path`.
    public static func load(path: String) throws(ProgramError) -> Program {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ProgramError(.unreadable, path: path, line: nil, message: "cannot read the program file")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw ProgramError(.invalidEncoding, path: path, line: nil, message: "the program file is not valid UTF-8")
        }
        return try Program(parsing: text, path: path)
    }

    /// The absolute path of the directory that holds the program (a relative ``path`` is taken from the
    /// current directory).
    public var directory: String {
        URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent().path
    }

    /// The playbook the program starts with, in the main agent: the first with a start trigger
    /// (`At the beginning`, ...), else the one named `Main`.
    public var entryPlaybook: PlaybookDefinition {
        get throws(ProgramError) {
            if let triggered = mainAgent.playbooks.first(where: \.hasStartTrigger) { return triggered }
            if let main = mainAgent.playbook(named: "Main") { return main }
            throw ProgramError(
                .noEntryPlaybook, path: path, line: mainAgent.line,
                message: "no playbook to start: add `## Main` or a `### Triggers` with `At the beginning`")
        }
    }

    /// The playbook called `name`: in the agent called `agent` when given, else in the main agent, else in
    /// the first other agent that has one.
    public func playbook(named name: String, agent: String? = nil) -> PlaybookDefinition? {
        if let agent {
            return agents.first { $0.name == agent }?.playbook(named: name)
        }
        if let found = mainAgent.playbook(named: name) { return found }
        for other in agents where other.name != mainAgent.name {
            if let found = other.playbook(named: name) { return found }
        }
        return nil
    }

    /// The agent called `name`.
    public func agent(named name: String) -> AgentDefinition? {
        agents.first { $0.name == name }
    }

    /// Whether any playbook is Markdown, so that running the program may need an LLM.
    public var requiresLLM: Bool { agents.contains { $0.requiresLLM } }
}
