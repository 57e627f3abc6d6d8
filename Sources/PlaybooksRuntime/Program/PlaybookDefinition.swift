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
    /// The parameters with their types and defaults as written (same order and names as ``parameters``).
    public var parameterDetails: [PlaybookParameter]
    /// Markdown: the `key: value` lines under the `##` heading (`public: true`, `meeting: true`,
    /// `required_attendees: [A, B]`, `execution_mode: raw`, ...). Python: the keyword arguments of
    /// `@playbook(...)` other than `triggers` (`public=True` is `public: true`).
    public var metadata: Metadata
    /// Markdown: the `##` heading as written (`Get tax rate($gross_income)`); Python: `nil`.
    public var heading: String?

    public init(
        name: String, kind: Kind, agentName: String, parameters: [String], returnType: String? = nil,
        signature: String, description: String = "", line: Int, lastLine: Int,
        triggers: [PlaybookTrigger] = [], steps: [PlaybookStep] = [], notes: [String] = [],
        isAsync: Bool = false, pythonBlock: PythonBlock? = nil, parameterDetails: [PlaybookParameter]? = nil,
        metadata: Metadata = Metadata(), heading: String? = nil
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
        self.parameterDetails = parameterDetails ?? parameters.map { PlaybookParameter(name: $0) }
        self.metadata = metadata
        self.heading = heading
    }

    /// How an LLM carries out a Markdown playbook, as the original Playbooks runtime names it.
    public enum ExecutionMode: String, Sendable, Equatable, Codable {
        /// A Python playbook: run by the interpreter, not an LLM.
        case python
        /// Steps, carried out one by one (`### Steps`).
        case playbook
        /// No steps: the description is the task, worked on in a reason-and-act loop.
        case react
        /// `execution_mode: raw`: the description is sent as one prompt.
        case raw
    }

    /// ``ExecutionMode/python`` for Python; for Markdown `execution_mode` when given, else
    /// ``ExecutionMode/playbook`` with steps and ``ExecutionMode/react`` without.
    public var executionMode: ExecutionMode {
        if kind == .python { return .python }
        if let written = metadata["execution_mode"]?.stringValue?.lowercased(), let mode = ExecutionMode(rawValue: written),
            mode != .python
        {
            return mode
        }
        return steps.isEmpty ? .react : .playbook
    }

    /// `public: true` (Markdown) or `@playbook(public=True)`: other agents may call it.
    public var isPublic: Bool { metadata.isTrue("public") }

    /// `export: true`: the playbook may be exported to other programs.
    public var isExported: Bool { metadata.isTrue("export") }

    /// `meeting: true`: the playbook is a meeting its agent hosts or joins.
    public var isMeeting: Bool { metadata.isTrue("meeting") }

    /// `required_attendees: [A, B]` of a meeting playbook.
    public var requiredAttendees: [String] { metadata.strings("required_attendees") }

    /// `optional_attendees: [A, B]` of a meeting playbook.
    public var optionalAttendees: [String] { metadata.strings("optional_attendees") }

    /// The signature with parameter types and defaults, e.g. `Main(arg1: str, arg2: str = "default") -> str`.
    public var fullSignature: String {
        "\(name)(\(parameterDetails.map(\.text).joined(separator: ", ")))" + (returnType.map { " -> \($0)" } ?? "")
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
