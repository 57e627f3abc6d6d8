/// How `playbooks executions trace` prints an ``LLMTrace``.
extension LLMTrace {
    /// The trace for people: each system prompt once, then each call with the request (messages
    /// already shown for an earlier call of the same playbook call are referred to, not repeated),
    /// the statements that ran, the errors and what went back to the model.
    public var text: String {
        var out: [String] = ["execution \(executionID): \(calls.count) LLM call\(calls.count == 1 ? "" : "s")"]
        var shownPrompts = Set<Int>()
        for (position, call) in calls.enumerated() {
            out.append("")
            out.append("call \(call.index): \(call.playbook) (journal record \(call.record))")
            if let index = call.systemPrompt {
                if shownPrompts.insert(index).inserted, index < systemPrompts.count {
                    out.append("  system prompt #\(index + 1):")
                    out.append(contentsOf: Self.block(systemPrompts[index], indent: "    | "))
                } else {
                    out.append("  system prompt #\(index + 1) (as above)")
                }
            }
            var messages = call.messages[...]
            if let (earlier, count) = sharedPrefix(of: position), count > 0 {
                out.append("  messages 1-\(count): as in call \(earlier)")
                messages = messages.dropFirst(count)
            }
            for message in messages {
                out.append("  \(message.role):")
                out.append(contentsOf: Self.block(message.content, indent: "    | "))
            }
            out.append("  reply: \(call.statements.count) statement\(call.statements.count == 1 ? "" : "s") ran")
            for statement in call.statements {
                out.append(contentsOf: Self.statement(statement.text, line: statement.line, indent: "    "))
            }
            for failure in call.errors {
                out.append("  failed at line \(failure.line): \(failure.type): \(failure.message)")
                out.append(contentsOf: Self.block(failure.statement, indent: "    "))
            }
            out.append("  ending: \(call.ending ?? "(running)")")
            if let feedback = call.feedback {
                out.append("  sent back to the model:")
                out.append(contentsOf: Self.block(feedback, indent: "    | "))
            }
            // USAGE: print the call's tokens once the journal records them (issue 15, item 4).
            if let usage = call.usage {
                out.append("  usage: \(usage.inputTokens.map(String.init) ?? "?") in, \(usage.outputTokens.map(String.init) ?? "?") out")
            }
        }
        return out.joined(separator: "\n")
    }

    /// Both sides of every conversation, one message per line (`sender -> target: text`).
    public var transcriptText: String {
        transcript.map(\.description).joined(separator: "\n")
    }

    /// The latest earlier call whose messages begin this call's, and how many they are.
    private func sharedPrefix(of position: Int) -> (index: Int, count: Int)? {
        let messages = calls[position].messages
        for earlier in calls[..<position].reversed() where earlier.playbook == calls[position].playbook {
            let count = earlier.messages.count
            if count > 0, count <= messages.count, Array(messages.prefix(count)) == earlier.messages {
                return (earlier.index, count)
            }
        }
        return nil
    }

    private static func block(_ text: String, indent: String) -> [String] {
        let body = text.hasSuffix("\n") ? String(text.dropLast()) : text
        return body.split(separator: "\n", omittingEmptySubsequences: false).map { indent + $0 }
    }

    private static func statement(_ text: String, line: Int, indent: String) -> [String] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let label = "line \(line): "
        return lines.enumerated().map { offset, l in
            offset == 0 ? indent + label + l : indent + String(repeating: " ", count: label.count) + l
        }
    }
}
