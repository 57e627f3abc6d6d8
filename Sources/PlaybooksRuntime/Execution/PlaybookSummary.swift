/// What the LLM is told about one playbook its agent can call: how to call it, what it is for,
/// and — for a Markdown playbook — its steps with their ids.
///
/// ```swift
/// let summary = PlaybookSummary(name: "FindOrderId", signature: "FindOrderId(text)", kind: .python,
///                               text: "## FindOrderId(text)\nThe order id in a message.\n")
/// ```
public struct PlaybookSummary: Sendable, Equatable {
    public var name: String
    /// The signature as written, e.g. `HandleRefund($order_id) -> dict`.
    public var signature: String
    public var kind: PlaybookDefinition.Kind
    /// Parameter names without `$`, in order.
    public var parameters: [String]
    /// The playbook as Markdown for the prompt: heading, description, triggers and — Markdown
    /// playbooks — the steps with their ids and the notes.
    public var text: String
    /// Markdown playbooks: every step id, both `Main:01` and `Main:01:QUE`.
    public var stepIDs: Set<String>
    /// How the LLM carries it out: steps, a reason-and-act loop (no steps), or `raw` (the reply is
    /// the result, as text).
    public var mode: PlaybookDefinition.ExecutionMode = .playbook

    public init(
        name: String, signature: String, kind: PlaybookDefinition.Kind, parameters: [String] = [], text: String,
        stepIDs: Set<String> = []
    ) {
        self.name = name
        self.signature = signature
        self.kind = kind
        self.parameters = parameters
        self.text = text
        self.stepIDs = stepIDs
    }

    /// The summary of a playbook loaded from a `.pb` program.
    public init(_ playbook: PlaybookDefinition) {
        var ids: Set<String> = []
        for step in playbook.allSteps {
            ids.insert(step.id)
            ids.insert(step.qualifiedID)
        }
        self.init(
            name: playbook.name, signature: playbook.signature, kind: playbook.kind,
            parameters: playbook.parameters.map { $0.hasPrefix("$") ? String($0.dropFirst()) : $0 },
            text: playbook.markdownText(withStepIDs: true), stepIDs: ids)
        self.mode = playbook.executionMode
    }
}
