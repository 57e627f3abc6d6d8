/// The parts of a program that an execution runs: the agent, its Python playbooks and which one
/// starts. Made from a loaded `.pb` ``Program``, or directly from Python source (tests, embedders).
///
/// A program with several AI agents is a society: this value describes the main agent (the
/// first AI agent of the file), ``otherAgents`` the rest, each with its own code and playbooks;
/// one execution runs them all.
///
/// ```swift
/// let program = ExecutionProgram(
///     path: "inline.py", text: source, agent: "Agent", pythonSource: source, entry: "Main")
/// ```
public struct ExecutionProgram: Sendable {
    /// The program file, as shown in tracebacks and recorded with the execution.
    public var path: String
    /// SHA-256 (hex) of the program file's text: recorded at start, checked on resume.
    public var hash: String
    /// The whole program file, for showing the statement at each checkpoint.
    public var text: String
    public var agent: String
    /// The Python playbooks' code and the line of the program file where it starts.
    public var pythonSource: String
    public var pythonFirstLine: Int
    /// The playbook the execution starts with.
    public var entry: String
    /// Markdown playbooks, run by the LLM.
    public var markdownPlaybooks: [String]
    /// Each Markdown playbook's text with step ids, as the LLM is shown it.
    public var markdownTexts: [String: String] = [:]
    /// The agent's description (for the LLM's system prompt).
    public var agentDescription: String = ""
    /// Every playbook's signature, e.g. `ProcessData(data)`, for the system prompt.
    public var playbookSignatures: [String] = []
    /// Every playbook of the agent as the LLM is told about it (empty for programs made from
    /// Python source alone: then step ids are not checked and the prompt lists ``playbookSignatures``).
    public var catalog: [PlaybookSummary] = []
    /// The program's other AI agents, each described like this one (same file, text and hash;
    /// its own agent, code and playbooks). Empty for a program with one agent.
    public var otherAgents: [ExecutionProgram] = []
    /// Playbooks of this agent that start with the program (`At the beginning` triggers), for
    /// an agent other than the main one (the main agent starts with ``entry``).
    public var startPlaybooks: [String] = []
    /// This agent's triggers that the runtime matches: conditions over its state variables.
    public var conditionTriggers: [ConditionTrigger] = []
    /// This agent's triggers that run a playbook when a message arrives while it is idle.
    public var messageTriggers: [MessageTrigger] = []
    /// This agent's meeting playbooks (`meeting: true`), with the attendees their metadata names.
    public var meetingPlaybooks: [MeetingPlaybook] = []
    /// The playbook this agent runs when it is invited to a meeting: its meeting playbook with a
    /// `When invited to a meeting` trigger, else its first meeting playbook.
    public var invitedPlaybook: String?
    /// This agent's playbooks that other agents may call (`public: true`).
    public var publicPlaybooks: [String] = []
    /// The names of the program's human agents (`# User:Human`): messages to them go to the user.
    public var humanAgents: [String] = []
    /// The other AI agents of the society as this agent's LLM is told about them: name,
    /// description and the signatures of their public playbooks.
    public var peers: [Peer] = []

    /// A playbook marked `meeting: true`: calling it starts a meeting that invites its attendees.
    public struct MeetingPlaybook: Sendable, Equatable {
        public var name: String
        /// Agents the meeting waits for before it begins (`required_attendees`).
        public var required: [String]
        /// Agents invited too, not waited for (`optional_attendees`).
        public var optional: [String]
    }

    /// Another agent of the society, as an agent's LLM is told about it.
    public struct Peer: Sendable, Equatable {
        public var name: String
        public var description: String
        /// Signatures of its public playbooks, e.g. `Balance(name)`.
        public var publicPlaybooks: [String]
    }

    /// Every AI agent of the program, the main agent first.
    public var society: [ExecutionProgram] { [self] + otherAgents }

    public init(
        path: String, text: String, agent: String, pythonSource: String, pythonFirstLine: Int = 1, entry: String,
        markdownPlaybooks: [String] = [], hash: String? = nil
    ) {
        self.path = path
        self.text = text
        self.agent = agent
        self.pythonSource = pythonSource
        self.pythonFirstLine = pythonFirstLine
        self.entry = entry
        self.markdownPlaybooks = markdownPlaybooks
        self.hash = hash ?? SHA256.hexDigest(of: text)
    }
}
