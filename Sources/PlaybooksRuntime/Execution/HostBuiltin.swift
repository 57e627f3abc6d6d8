/// The runtime's built-in host functions, awaited by playbooks:
///
/// - `Step(id)`: marks the current step of the running playbook, e.g. `await Step("Main:03:ACT")`;
/// - `Say(target, message)` (or `Say(message)` to the user): adds a message to the transcript;
/// - `Return(value)`: sets the running playbook's result (when its function returns `None`);
/// - `SaveArtifact(name, summary, content)` / `LoadArtifact(name)`: keeps content by name;
/// - `WaitForMessage(source)` / `Yield(source)`: waits for a message from `source` (`"user"`).
enum HostBuiltin: String, CaseIterable {
    case step = "Step"
    case say = "Say"
    case returnValue = "Return"
    case saveArtifact = "SaveArtifact"
    case loadArtifact = "LoadArtifact"
    case waitForMessage = "WaitForMessage"
    case yield = "Yield"
    // Internal to Markdown playbooks (see `Prelude.llmLoop`).
    case prompt = "__PBPrompt__"
    case start = "__PBStart__"
    case next = "__PBNext__"
    /// A `raw` Markdown playbook: the LLM's whole reply, as text (not run as code).
    case text = "__PBText__"

    var isLLM: Bool { self == .prompt || self == .start || self == .next || self == .text }
}
