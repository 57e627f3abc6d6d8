/// One step of a Markdown playbook's `### Steps` list, with its stable id and kind.
///
/// Ids number the list in order: the top-level steps of `Main` are `Main:01`, `Main:02`, ...; the
/// steps nested under `Main:01` are `Main:01.01`, `Main:01.02`, and so on at any depth. Numbers have at
/// least two digits. The id the LLM sees and writes in `await Step(...)` adds the kind:
/// `Main:01.02:CND` (``qualifiedID``).
public struct PlaybookStep: Sendable, Equatable {
    /// `Playbook:NN[.NN...]`, e.g. `Main:01.02`.
    public var id: String
    /// The step's kind, inferred from ``text`` by ``StepKind/infer(from:)``.
    public var kind: StepKind
    /// The bullet's text (continuation lines joined with a space).
    public var text: String
    /// The `.pb` line of the bullet.
    public var line: Int
    /// The steps nested under this one.
    public var children: [PlaybookStep]

    public init(id: String, kind: StepKind, text: String, line: Int, children: [PlaybookStep] = []) {
        self.id = id
        self.kind = kind
        self.text = text
        self.line = line
        self.children = children
    }

    /// The id with the kind, as written in `await Step("Main:01:QUE")`.
    public var qualifiedID: String { "\(id):\(kind.rawValue)" }

    /// This step followed by all its descendants, depth first, in list order.
    public var flattened: [PlaybookStep] {
        var out = [self]
        for child in children { out.append(contentsOf: child.flattened) }
        return out
    }
}
