/// The text the LLM is given: a system prompt that teaches the built-ins, and for each Markdown
/// playbook call the playbook with its step ids, its arguments and the agent's state.
enum PromptBuilder {
    static func system(agent: String, description: String, playbooks: [String]) -> String {
        """
        You are \(agent), an agent that carries out playbooks by writing Python code.
        \(description.isEmpty ? "" : description + "\n")
        Reply with Python code in one ```python block. The runtime runs each statement as soon as it
        is complete, so write the steps in order. Use these built-ins, always with `await`:
        - await Step("Main:01:QUE") before carrying out each step (use the step ids of the playbook);
        - await Say("user", "text") to tell the user something;
        - answer = await WaitForMessage("user") (or await Yield("user")) to wait for the user's reply;
        - result = await OtherPlaybook(arguments) to run another playbook;
        - await SaveArtifact("name", "summary", content) and content = await LoadArtifact("name");
        - $name = value to set a state variable of the agent, $name to read it;
        - await Return(value) when the playbook is done.
        If a statement fails, you are told which and why; continue from there.
        Playbooks you can call: \(playbooks.joined(separator: ", ")).
        """
    }

    static func playbook(
        name: String, text: String, arguments: [String], variables: [NamedValue], callStack: [String]
    ) -> String {
        var out = "Run the playbook \(name)(\(arguments.joined(separator: ", "))).\n\n\(text)\n"
        if !variables.isEmpty {
            out += "\nState variables:\n" + variables.map { "- $\($0.name) = \($0.value)" }.joined(separator: "\n") + "\n"
        }
        if !callStack.isEmpty {
            out += "\nCall stack: \(callStack.joined(separator: " > "))\n"
        }
        return out
    }

    /// Sent after a crash or a broken stream, to get the rest of an interrupted response.
    static let continuation =
        "Your previous response was cut off after the text above, which has already been run. "
        + "Continue it exactly where it stopped, without repeating anything, in a ```python block."
}
