extension PlaybookDefinition {
    /// The playbook as Markdown for an LLM prompt, with every step's id and kind when `withStepIDs`:
    ///
    /// ```text
    /// ## Main
    /// Greets the user.
    ///
    /// ### Triggers
    /// - At the beginning
    ///
    /// ### Steps
    /// - Main:01:QUE Ask the user for their name
    /// - Main:02:CND If the user is new
    ///   - Main:02.01:EXE Welcome them
    ///
    /// ### Notes
    /// - Be brief
    /// ```
    ///
    /// A Python playbook renders as its heading, description and triggers (its code is not for the LLM).
    public func markdownText(withStepIDs: Bool = true) -> String {
        var parts: [String] = []
        var head = "## \(signature)"
        if !description.isEmpty { head += "\n\(description)" }
        parts.append(head)
        if !triggers.isEmpty {
            parts.append((["### Triggers"] + triggers.map { "- \($0.text)" }).joined(separator: "\n"))
        }
        if !steps.isEmpty {
            var lines = ["### Steps"]
            func add(_ step: PlaybookStep, depth: Int) {
                let indent = String(repeating: "  ", count: depth)
                lines.append(withStepIDs ? "\(indent)- \(step.qualifiedID) \(step.text)" : "\(indent)- \(step.text)")
                for child in step.children { add(child, depth: depth + 1) }
            }
            for step in steps { add(step, depth: 0) }
            parts.append(lines.joined(separator: "\n"))
        }
        if !notes.isEmpty {
            parts.append((["### Notes"] + notes.map { "- \($0)" }).joined(separator: "\n"))
        }
        return parts.joined(separator: "\n\n") + "\n"
    }
}
