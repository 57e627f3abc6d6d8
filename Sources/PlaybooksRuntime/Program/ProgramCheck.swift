/// What `playbooks check FILE.pb` reports about a program that loaded: its agents, their playbooks
/// with step ids, metadata, parameters and triggers, and what is parsed but not run yet.
///
/// ```swift
/// let program = try Program.load(path: "multi.pb")
/// let check = ProgramCheck(program: program)
/// print(check.text)        // agents, playbooks, steps, notices
/// print(check.json)        // the same as JSON
/// ```
public struct ProgramCheck: Sendable {
    public var program: Program

    public init(program: Program) {
        self.program = program
    }

    /// The parser's lenient readings followed by the features that are parsed but not run yet.
    public var notices: [ProgramNotice] { program.notices + notRunYet }

    /// Features of the program that the runtime keeps but does not run yet, each with its line.
    /// (Several agents, meetings, start and condition triggers run.)
    public var notRunYet: [ProgramNotice] {
        var out: [ProgramNotice] = []
        for agent in program.agents {
            switch agent.kind {
            case .mcp:
                out.append(
                    ProgramNotice(
                        .notRunYet, line: agent.line,
                        message: "MCP agent `\(agent.name)`: its tools are not called yet (MCP comes with a later capability)"))
            case .human:
                out.append(
                    ProgramNotice(
                        .notRunYet, line: agent.line,
                        message: "human agent `\(agent.name)`: messages to it are not delivered to a person yet (the run talks to `user`)"))
            case .ai:
                break
            }
            for playbook in agent.playbooks {
                // Start triggers, conditions over `$` variables and messages arriving are matched by the runtime.
                let waiting = playbook.triggers.filter {
                    $0.kind != .begin && ConditionTrigger(playbook: playbook.name, text: $0.text, line: $0.line) == nil
                        && MessageTrigger(playbook: playbook.name, text: $0.text, line: $0.line) == nil
                }
                if let first = waiting.first {
                    let kinds = Set(waiting.map(\.kind.rawValue)).sorted().joined(separator: "/")
                    out.append(
                        ProgramNotice(
                            .notRunYet, line: first.line,
                            message:
                                "`\(agent.name).\(playbook.name)`: \(kinds) triggers are not matched by the runtime (an LLM sees them in its list of playbooks; the runtime matches start triggers, conditions such as `When $x > 15` and messages arriving)"
                        ))
                }
                if playbook.kind == .markdown, ProgramCheck.hasPlaceholder(playbook.description) {
                    out.append(
                        ProgramNotice(
                            .notRunYet, line: playbook.line,
                            message:
                                "`\(agent.name).\(playbook.name)`: `{...}` placeholders holding expressions are not evaluated yet (`{$name}` and `{name}` are rendered)"
                        ))
                }
            }
        }
        return out.sorted { ($0.line ?? 0) < ($1.line ?? 0) }
    }

    /// Whether `text` holds a `{...}` on one line, such as `{LoadFile("x.md")}` or `{$question}`.
    static func hasPlaceholder(_ text: String) -> Bool {
        for line in text.split(separator: "\n") {
            guard let open = line.firstIndex(of: "{") else { continue }
            let after = line[line.index(after: open)...]
            if let first = after.first, first.isLetter || first == "$" || first == "_", after.contains("}") { return true }
        }
        return false
    }

    /// The report for people: one block per agent, its playbooks, their steps, then the notices.
    public var text: String {
        var out: [String] = []
        let playbookCount = program.agents.reduce(0) { $0 + $1.playbooks.count }
        out.append(
            "\(program.path): loads: \(program.agents.count) agent\(program.agents.count == 1 ? "" : "s"), "
                + "\(playbookCount) playbook\(playbookCount == 1 ? "" : "s")")
        if !program.frontMatter.isEmpty {
            out.append("front matter: " + ProgramCheck.metadataText(program.frontMatter))
        }
        for agent in program.agents {
            out.append("")
            var head = "agent \(agent.name) (\(agent.kind.rawValue)"
            if agent.name == program.mainAgent.name { head += ", main" }
            head += ") line \(agent.line)"
            if agent.heading != agent.name { head += " — `# \(agent.heading)`" }
            out.append(head)
            if !agent.description.isEmpty { out.append(ProgramCheck.indent(agent.description, "  | ")) }
            if !agent.metadata.isEmpty { out.append("  metadata: " + ProgramCheck.metadataText(agent.metadata)) }
            for playbook in agent.playbooks { out += playbookLines(playbook) }
        }
        let notices = self.notices
        if !notices.isEmpty {
            out.append("")
            out.append("notices:")
            for notice in notices { out.append("  \(notice.kind.rawValue): \(notice)") }
        }
        return out.joined(separator: "\n") + "\n"
    }

    private func playbookLines(_ playbook: PlaybookDefinition) -> [String] {
        var out: [String] = []
        var head = "  playbook \(playbook.fullSignature) (\(playbook.kind.rawValue)"
        if playbook.kind == .markdown { head += ", \(playbook.executionMode.rawValue)" }
        head += ") line \(playbook.line)"
        if let heading = playbook.heading, heading != playbook.signature { head += " — `## \(heading)`" }
        out.append(head)
        if !playbook.description.isEmpty { out.append(ProgramCheck.indent(playbook.description, "    | ")) }
        if !playbook.metadata.isEmpty { out.append("    metadata: " + ProgramCheck.metadataText(playbook.metadata)) }
        for trigger in playbook.triggers {
            out.append("    trigger \(trigger.kind.rawValue) line \(trigger.line): \(trigger.text)")
        }
        for step in playbook.allSteps {
            let depth = step.id.split(separator: ".").count - 1
            out.append(String(repeating: "  ", count: depth + 2) + "  \(step.qualifiedID) \(step.text)")
        }
        for note in playbook.notes { out.append("    note: " + note.replacingNewlines()) }
        return out
    }

    static func metadataText(_ metadata: Metadata) -> String {
        metadata.entries.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
    }

    static func indent(_ text: String, _ prefix: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var out = prefix + line
            while out.last == " " { out.removeLast() }
            return out
        }.joined(separator: "\n")
    }
}

extension String {
    fileprivate func replacingNewlines() -> String {
        split(separator: "\n", omittingEmptySubsequences: false).map { $0.programTrimmed() }.joined(separator: " ")
    }
}
