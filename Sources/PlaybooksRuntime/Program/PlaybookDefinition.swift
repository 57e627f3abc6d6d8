/// A playbook of an agent, as loaded from a `.pb` program: a Python function marked `@playbook`, or a
/// Markdown `## Name(params)` section whose steps an LLM carries out.
///
/// ```swift
/// let program = try Program.load(path: "Examples/order.pb")
/// let main = try program.entryPlaybook
/// if main.requiresLLM {
///     print(main.markdownText(withStepIDs: true))   // "## Main\n...\n- Main:01:QUE Ask the user ..."
/// }
/// ```
public struct PlaybookDefinition: Sendable, Equatable {
    /// How a playbook is run.
    public enum Kind: String, Sendable, Equatable, Codable {
        /// A `@playbook` function in a python block, run by the interpreter.
        case python
        /// A Markdown section run by an LLM.
        case markdown
    }

    public var name: String
    public var kind: Kind
    /// The agent the playbook belongs to.
    public var agentName: String
    /// Parameter names in order. Python: positional-only, positional, `*args`, keyword-only,
    /// `**kwargs` (with their stars). Markdown: names as written, without `$`, types or defaults.
    public var parameters: [String]
    /// The return type after `->` in a Markdown signature; `nil` when absent (and for Python).
    public var returnType: String?
    /// The signature as a person would write it, e.g. `ProcessData(data) -> dict`.
    public var signature: String
    /// The docstring (Python) or the text between the heading and the first `###` (Markdown).
    public var description: String
    /// The `.pb` line of the `def` (Python) or of the `##` heading (Markdown).
    public var line: Int
    /// The `.pb` line where the playbook ends (the last line of the function or of the section).
    public var lastLine: Int
    public var triggers: [PlaybookTrigger]
    /// The `### Steps` list (Markdown only; empty for Python).
    public var steps: [PlaybookStep]
    /// The `### Notes` entries: one per bullet or paragraph (Markdown only).
    public var notes: [String]
    /// Python: whether the function is `async def`.
    public var isAsync: Bool
    /// Python: the whole block that defines the function (the runtime compiles the block, not the function).
    public var pythonBlock: PythonBlock?

    public init(
        name: String, kind: Kind, agentName: String, parameters: [String], returnType: String? = nil,
        signature: String, description: String = "", line: Int, lastLine: Int,
        triggers: [PlaybookTrigger] = [], steps: [PlaybookStep] = [], notes: [String] = [],
        isAsync: Bool = false, pythonBlock: PythonBlock? = nil
    ) {
        self.name = name
        self.kind = kind
        self.agentName = agentName
        self.parameters = parameters
        self.returnType = returnType
        self.signature = signature
        self.description = description
        self.line = line
        self.lastLine = lastLine
        self.triggers = triggers
        self.steps = steps
        self.notes = notes
        self.isAsync = isAsync
        self.pythonBlock = pythonBlock
    }

    /// Markdown playbooks are carried out by an LLM; running one needs an `[llm]` provider.
    public var requiresLLM: Bool { kind == .markdown }

    /// Whether one of the triggers starts the program (`At the beginning`, ...).
    public var hasStartTrigger: Bool { triggers.contains { $0.isStartTrigger } }

    /// All steps, depth first, in list order.
    public var allSteps: [PlaybookStep] { steps.flatMap(\.flattened) }

    /// The step with id `id`; accepts `Main:01.02` and the qualified `Main:01.02:CND`.
    public func step(id: String) -> PlaybookStep? {
        allSteps.first { $0.id == id || $0.qualifiedID == id }
    }
}
