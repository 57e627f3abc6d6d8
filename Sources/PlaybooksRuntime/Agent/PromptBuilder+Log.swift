/// The runtime's answer to a reply that did not return: what its statements did, then what to do
/// next — continue, fix the error, or (for a reply without code) the output contract again.
extension PromptBuilder {
    static func log(_ log: ResponseLog, playbooks: [String]) -> String {
        var lines: [String] = []
        switch log.ending {
        case .noCode:
            lines.append("Your reply had no Python code, so nothing ran.")
        case .end, .error:
            lines.append(
                log.entries.isEmpty
                    ? "Your reply ran; none of its statements awaited anything." : "Your reply ran. What happened, in order:")
        }
        for entry in log.entries {
            switch entry {
            case .step(let id):
                lines.append("- Step \(id)")
            case .said(let target, let text):
                lines.append("- You said to \(target): " + quoted(text))
            case .received(let source, let text):
                lines.append("- Message from \(source): " + quoted(text))
            case .called(let call, let result):
                lines.append("- \(call) returned \(result)")
            case .savedArtifact(let name, let summary):
                lines.append("- Saved artifact \(Prelude.pythonString(name))" + (summary.isEmpty ? "" : ": \(summary)"))
            case .error(let line, let type, let message, let statement):
                lines.append("- The statement at line \(line) of your reply failed with \(type): \(message)")
                for statementLine in statement.split(separator: "\n", omittingEmptySubsequences: false)
                where !statementLine.isEmpty {
                    lines.append("    " + statementLine)
                }
                if let hint = hint(type: type, message: message, line: line, playbooks: playbooks) { lines.append("  " + hint) }
            }
        }
        if !log.changedState.isEmpty {
            lines.append("State variables changed: " + log.changedState.map { "$\($0.name) = \($0.value)" }.joined(separator: ", "))
        }
        switch log.ending {
        case .end:
            lines.append(
                "The playbook has not returned. Continue with the next steps; when it is done, call `await Return(value)`.")
        case .error:
            lines.append(
                "The statements after the failed one did not run. Fix the error and continue from the failed statement; "
                    + "variables set before it keep their values.")
        case .noCode:
            lines.append(
                "Reply with Python code in one ```python block that carries out the next steps, awaiting every built-in "
                    + "and playbook call (for example `await Say(\"user\", \"...\")`), and `await Return(value)` when the "
                    + "playbook is done.")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Text said or received, shown word for word: on one line in quotes, or as an indented block.
    static func quoted(_ text: String) -> String {
        if !text.contains("\n") { return "\"\(text)\"" }
        return "\n" + text.split(separator: "\n", omittingEmptySubsequences: false).map { "    | " + $0 }.joined(separator: "\n")
    }

    /// A line that teaches the model how to fix a common mistake, if the error is one.
    static func hint(type: String, message: String, line: Int, playbooks: [String]) -> String? {
        if type == "SyntaxError", line == 1 {
            return "If that line was meant as prose: a reply without a ```python block is read as code. Put the code in "
                + "one ```python block; text around the block is not run."
        }
        if type == "NameError", let name = undefinedName(in: message), let first = name.first, first.isUppercase {
            let known = playbooks.isEmpty ? "none" : playbooks.joined(separator: ", ")
            return "\(name) is not a playbook or built-in of this agent. Playbooks you can call: \(known)."
        }
        return nil
    }

    /// `X` in `name 'X' is not defined`.
    static func undefinedName(in message: String) -> String? {
        guard message.hasPrefix("name '"), let end = message.dropFirst(6).firstIndex(of: "'") else { return nil }
        return String(message[message.index(message.startIndex, offsetBy: 6)..<end])
    }
}
