import Foundation
import PlaybooksLanguage

/// The text the LLM is given. Requests are laid out for providers' prompt caching: first a system
/// prompt that stays the same for the whole execution (the output contract, the built-ins, the
/// agent and every playbook it can call), then per playbook call its first message (the call,
/// the playbook's steps, the state), then the conversation: each reply and the log of what it did.
enum PromptBuilder {
    /// The stable system prompt of an agent.
    static func system(
        agent: String, description: String, catalog: [PlaybookSummary], signatures: [String], peers: [ExecutionProgram.Peer] = [],
        meetings: Bool = false
    ) -> String {
        var out = """
            You are \(agent), an AI agent. You carry out playbooks (step-by-step procedures written in \
            Markdown) by writing Python code that a runtime executes.

            """
        let about = description.trimmingCharacters(in: .whitespacesAndNewlines)
        if !about.isEmpty { out += "\n" + about + "\n" }
        out += """

            # How to reply
            Write at most a short thought in plain text, then Python code in one ```python block. The runtime runs each \
            statement as soon as it is complete, while your reply is still arriving, in the order you write them. \
            Variables you set keep their values in your later replies for the same playbook call.
            - `await` every built-in and every playbook call. A call without `await` does not run; it is reported \
            as an error.
            - Before you carry out a step, mark it with `await Step("<step id>")`, using the ids shown in the playbook.
            - After a statement that waits for a message (`reply = await WaitForMessage("user")`), end your reply. \
            The message is shown to you, word for word, in the next turn, and you decide there what to do with it.
            - If a statement fails, the statements after it do not run. You are told the error; fix it and \
            continue from the failed statement.
            - When the playbook is done, `await Return(value)`.

            # Built-ins
            - `await Step("Main:01:QUE")`: marks the step you are carrying out.
            - `await Say("user", "text")`: sends a message to the user.
            - `reply = await WaitForMessage("user")`: waits for the user's next message and returns it; it \
            acts as its text (`reply.content` is the text, `reply.sender_id` who sent it; `await Yield("user")` is \
            the same).
            - `result = await SomePlaybook(arguments)`: runs a playbook and returns its result.
            - `await SaveArtifact("name", "summary", content)` and `content = await LoadArtifact("name")`: keep \
            content by name.
            - `$name = value` sets a state variable of the agent, `$name` reads it; state variables are shared by \
            all playbooks.
            - `await Return(value)`: ends the playbook with its result.

            # Playbooks you can call

            """
        if catalog.isEmpty {
            out += signatures.map { "- \($0)" }.joined(separator: "\n") + "\n"
        } else {
            out += catalog.map(\.text).joined(separator: "\n")
        }
        if !peers.isEmpty { out += othersSection(peers) }
        if meetings { out += meetingsSection }
        return out
    }

    /// How an agent with meeting playbooks works in a meeting.
    static let meetingsSection = """

        # Meetings
        A playbook marked as a meeting runs as a meeting: when you call it, the attendees are invited and the \
        meeting begins when the required ones have joined; when you run it because you were invited, you are an \
        attendee. In a meeting, `meeting.shared_state` is a dict every participant reads and writes (your \
        changes reach the others at your next await), `await Say("meeting", "text")` speaks to all participants, \
        and `message = await WaitForMessage("meeting")` waits for any of them (end your reply after it). The host \
        ends the meeting by returning from the playbook. Attendees can be humans (the user, or a human agent such \
        as `Alice`): they are in the meeting from its start and see what is said in it, and what the user says \
        while you wait in `WaitForMessage("meeting")` is their message to the meeting.

        """

    /// The other agents of a society: how to talk to them and which of their playbooks can be called.
    static func othersSection(_ peers: [ExecutionProgram.Peer]) -> String {
        var out = """

            # Other agents
            You work with other agents. Send one a message with `await SendMessage("Name", "text")`, wait for a \
            message from one with `message = await WaitForMessage("Name")` (end your reply after it), and call an \
            agent's public playbook with `result = await Name.Playbook(arguments)`. \
            `agent = await Name.get_or_create()` gives an agent of that class that is idle, or makes a new one when \
            all are busy; `agent = await CreateAgent("Name", key=value)` always makes a new one (keyword arguments \
            are its `$` state). Call it with `await agent.Playbook(arguments)`; `agent.id` names it in messages.

            """
        for peer in peers {
            out += "\n## \(peer.name)\n"
            let about = peer.description.trimmingCharacters(in: .whitespacesAndNewlines)
            if !about.isEmpty { out += about + "\n" }
            if peer.publicPlaybooks.isEmpty {
                out += "(no public playbooks: talk to it with messages)\n"
            } else {
                out += peer.publicPlaybooks.map { "- `await \(peer.name).\($0)`\n" }.joined()
            }
        }
        return out
    }

    /// The first message of a playbook call: which playbook to run with which arguments, its
    /// steps, and the agent's state.
    static func playbookCall(
        name: String, mode: PlaybookDefinition.ExecutionMode = .playbook, text: String, arguments: [String],
        parameters: [NamedValue], variables: [NamedValue],
        artifacts: [(name: String, summary: String)], callStack: [String]
    ) -> String {
        var out = "Run the playbook \(name)(\(arguments.joined(separator: ", "))).\n"
        if !parameters.isEmpty {
            out += "Its parameters are variables your code can use (also as `$name`): "
            out += parameters.map { "\($0.name) = \($0.value)" }.joined(separator: ", ") + ".\n"
        }
        switch mode {
        case .react:
            out += "It has no steps: its description is the task. Work in a loop: think briefly, act (call playbooks, "
            out += "say things), and read what happened in the next turn; when the task is done, `await Return(value)`.\n"
        case .raw:
            out += "Reply with text only, no code: your whole reply is the playbook's result.\n"
        case .playbook, .python:
            break
        }
        let text = renderPlaceholders(text, values: parameters + variables)
        out += "\n\(text)"
        if !text.hasSuffix("\n") { out += "\n" }
        if !variables.isEmpty {
            out += "\nState variables:\n" + variables.map { "- $\($0.name) = \($0.value)" }.joined(separator: "\n") + "\n"
        }
        if !artifacts.isEmpty {
            out += "\nArtifacts (load one with `await LoadArtifact(name)`):\n"
            out += artifacts.map { "- \(Prelude.pythonString($0.name)): \($0.summary)" }.joined(separator: "\n") + "\n"
        }
        if !callStack.isEmpty {
            out += "\nCall stack: \(callStack.joined(separator: " > "))\n"
        }
        return out
    }

    /// `text` with its `{$name}` and `{name}` placeholders replaced by the `repr` of that state
    /// variable or parameter (strings without their quotes); other braces are left as written.
    /// Placeholders holding expressions (`{len($items)}`) are not evaluated.
    static func renderPlaceholders(_ text: String, values: [NamedValue]) -> String {
        guard text.contains("{") else { return text }
        var known: [String: String] = [:]
        for v in values { known[v.name] = v.value }
        var out = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "}") else {
                out += rest[open...]
                return out
            }
            var name = after[..<close]
            if name.hasPrefix("$") { name = name.dropFirst() }
            if Prelude.isIdentifier(String(name)), let value = known[String(name)] {
                out += Self.unquoted(value)
            } else {
                out += rest[open...close]
            }
            rest = after[after.index(after: close)...]
        }
        return out + rest
    }

    /// A string's `repr` without its quotes (`'Ada'` -> `Ada`); other values as they are.
    static func unquoted(_ repr: String) -> String {
        guard repr.count >= 2, let first = repr.first, first == "'" || first == "\"", repr.last == first,
            !repr.dropFirst().dropLast().contains("\\")
        else { return repr }
        return String(repr.dropFirst().dropLast())
    }

    /// A reply as the conversation shows it to the model again: the code of it that the runtime
    /// received, in a ```python block (the prose around the code is not kept).
    static func reply(_ code: String) -> String {
        if code.isEmpty { return "(no code)" }
        return "```python\n" + code + (code.hasSuffix("\n") ? "" : "\n") + "```"
    }

    /// Sent after a crash or a broken stream, to get the rest of an interrupted response.
    static let continuation =
        "Your previous response was cut off after the text above, which has already been run. "
        + "Continue it exactly where it stopped, without repeating anything, in a ```python block."
}
