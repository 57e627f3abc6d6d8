/// The names that `#` and `##` headings written as prose get, as the original Playbooks compiler
/// gives them: `## Validate order id` is the playbook `ValidateOrderId`, `# Head Chef` the agent
/// `HeadChef`.
///
/// A heading that already is an identifier (`Main`, `Magi_Gaspar`, `python_helper`) is kept as
/// written. Otherwise it is split into words at every character that is not a letter or a digit,
/// each word gets an upper-case first letter (the rest is kept: `AI Assistant` is `AIAssistant`),
/// and the words are joined. `nil` when no identifier results (no words, or a leading digit).
enum ProgramNames {
    static func identifier(from heading: String) -> String? {
        let text = heading.programTrimmed()
        if isIdentifier(text) { return text }
        var words: [String] = []
        var current = ""
        for ch in text {
            if ch.isLetter || ch.isNumber {
                current.append(ch)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        let name = words.map { word in
            guard let first = word.first else { return word }
            return first.uppercased() + word.dropFirst()
        }.joined()
        return isIdentifier(name) ? name : nil
    }

    /// Letters, digits and `_`, not starting with a digit.
    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.first, first.isLetter || first == "_" else { return false }
        return text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }
}
