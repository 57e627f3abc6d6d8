import PlaybooksLanguage

/// A trigger the runtime matches itself: a condition over the agent's state variables, such as
/// `When $x > 15` (the original's `T1:CND`), that runs its playbook when the condition becomes
/// true.
///
/// The condition is the trigger's text after a leading label and `When` / `Whenever` / `If`, read
/// as a Python expression (`$x > 15`, `$status == "ready" and $count >= 3`). A condition that is
/// not such an expression (`When $x is large`) is left to the LLM, like event triggers.
///
/// When it is checked: after every playbook call returns and after every statement of an LLM
/// reply — so after the code that changed a variable has run, at points that are the same in a
/// resumed run. It fires on the change from false to true (once, until it is false again); a
/// condition whose evaluation raises counts as false. A playbook run by a trigger does not
/// trigger others while it runs.
///
/// ```swift
/// let trigger = ConditionTrigger(playbook: "Alert", text: "When $temperature > 30", line: 7)
/// trigger?.expression   // "$temperature > 30"
/// ```
public struct ConditionTrigger: Sendable, Equatable {
    public var playbook: String
    /// The condition as a Python expression.
    public var expression: String
    public var line: Int

    /// The runtime-matched reading of a trigger's `text`, or `nil` when it is not a condition over `$` variables.
    public init?(playbook: String, text: String, line: Int) {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        // "T1:CND When $x > 15": a label first.
        if let first = rest.split(separator: " ", maxSplits: 1).first, first.contains(":"),
            first.split(separator: ":").last.map({ $0.uppercased() == "CND" || $0.uppercased() == "EVT" }) == true
        {
            rest = rest.dropFirst(first.count).drop { $0 == " " }
        }
        for word in ["whenever ", "when ", "if ", "once "] where rest.lowercased().hasPrefix(word) {
            rest = rest.dropFirst(word.count)
            break
        }
        let expression = rest.trimmingCharacters(in: .whitespaces)
        guard expression.contains("$"), (try? Parser.parseExpression(expression)) != nil else { return nil }
        self.playbook = playbook
        self.expression = expression
        self.line = line
    }
}
