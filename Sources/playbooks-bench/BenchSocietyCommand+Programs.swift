import PlaybooksRuntime

// `playbooks-bench society`: the `.pb` programs it runs, one agent per `# Name` heading.
extension BenchSocietyCommand {
    /// How the agents other than the main one spend the run.
    enum Variant: String, CaseIterable {
        /// No start playbook: they never run (the main agent never waits, so the scheduler never
        /// picks them); each is a VM with its code loaded.
        case idle
        /// A start playbook that sends the main agent "ready" and then waits for a message from it
        /// (which never comes); the main agent first takes every "ready", so all of them stand at
        /// `WaitForMessage("Main")` when its loop begins.
        case waiting
        /// The main agent calls `Agent1.Work(i)` (a public playbook that awaits one `Step`) in each
        /// iteration, so two agents work; the others are idle as in ``idle`` (they run once, up
        /// to waiting for calls, when the main agent first waits for a reply).
        case spread

        /// The main agent waits for a message from the user in each iteration (given when the
        /// execution waits for it: a user turn) instead of a `Step`; the others are idle as in
        /// ``idle`` (they run once, up to waiting for calls, when the main agent first waits).
        /// The execution writes a snapshot each time it waits for the user.
        case chat

        /// Whether the run waits for the user in each iteration.
        var talks: Bool { self == .chat }

        /// The fewest agents the variant has a meaning for.
        var minimumAgents: Int { self == .idle || self == .chat ? 1 : 2 }
    }

    /// The society sizes of `text` (an option's comma-separated integers) that `variant` has:
    /// sizes under its minimum are raised to it (`spread` needs a second agent to call).
    static func agentCounts(_ text: String, option: String, for variant: Variant) throws -> [Int] {
        var seen = Set<Int>()
        return try integers(text, option: option, minimum: 1).map { max($0, variant.minimumAgents) }.filter {
            seen.insert($0).inserted
        }
    }

    /// The program: `agents` agents (`Main`, `Agent1`, ...), the main agent awaiting `awaits`
    /// times in a loop. With `sayAt`, the main agent says "first resumed statement" at the start
    /// of iteration `sayAt` and the loop runs 5 iterations past it (the resume program).
    /// Every agent but the main one has the same code: a public `Work` playbook (and, when
    /// `waiting`, a start playbook). The main agent's result is `awaits`.
    static func societyProgram(_ variant: Variant, agents: Int, awaits n: Int, sayAt: Int? = nil) throws -> ExecutionProgram {
        let others = (1..<agents).map { "Agent\($0)" }
        let iterations = sayAt.map { $0 + 5 } ?? n
        var main = "@playbook\nasync def Main():\n"
        if variant == .waiting {
            main += "    for name in [\(others.map { "\"\($0)\"" }.joined(separator: ", "))]:\n"
            main += "        await WaitForMessage(name)\n"
        }
        main += "    for i in range(\(iterations)):\n"
        if let sayAt { main += "        if i == \(sayAt):\n            await Say(\"user\", \"first resumed statement\")\n" }
        switch variant {
        case .spread: main += "        await Agent1.Work(i)\n"
        case .chat: main += "        await WaitForMessage(\"user\")\n"
        case .idle, .waiting: main += "        await Step(f\"Main:{i}:EXE\")\n"
        }
        main += "    return \(n)\n"
        var text = "# Main\nThe agent that works: it awaits in a loop.\n\n```python\n\(main)```\n"
        for name in others {
            var code = "@playbook(public=True)\nasync def Work(i):\n    await Step(f\"Work:{i}:EXE\")\n    return i + 1\n"
            if variant == .waiting {
                code += "\n\n@playbook(triggers=[\"At the beginning\"])\nasync def Listen():\n"
                code += "    await SendMessage(\"Main\", \"ready\")\n    await WaitForMessage(\"Main\")\n"
            }
            text += "\n# \(name)\nAnother agent of the society.\n\n```python\n\(code)```\n"
        }
        let path = "bench_society_\(variant.rawValue)_\(agents).pb"
        return try ExecutionProgram(program: try Program(parsing: text, path: path))
    }
}
