/// The runtime's built-in host functions, awaited by playbooks:
///
/// - `Step(id)`: marks the current step of the running playbook, e.g. `await Step("Main:03:ACT")`;
/// - `Say(target, message)` (or `Say(message)` to the user): adds a message to the transcript;
/// - `Return(value)`: sets the running playbook's result (when its function returns `None`);
/// - `SaveArtifact(name, summary, content)` / `LoadArtifact(name)`: keeps content by name;
/// - `WaitForMessage(source)` / `Yield(source)`: waits for a message from `source` (`"user"`, an agent, `"*"`);
/// - `SendMessage(target, message)`: sends a message to an agent of the program (or the user);
/// - `EndProgram()`: ends the execution.
enum HostBuiltin: String, CaseIterable {
    case step = "Step"
    case say = "Say"
    case returnValue = "Return"
    case saveArtifact = "SaveArtifact"
    case loadArtifact = "LoadArtifact"
    case waitForMessage = "WaitForMessage"
    case yield = "Yield"
    case sendMessage = "SendMessage"
    case endProgram = "EndProgram"
    // Internal to calls between agents (see `Prelude.society`).
    case request = "__PBRequest__"
    case awaitReply = "__PBAwaitReply__"
    case reply = "__PBReply__"
    case idle = "__PBIdle__"
    /// A society's `WaitForMessage`: a message, or a call of the agent's playbooks to serve first.
    case wait = "__PBWait__"
    // Internal to meetings (see `Prelude.meetings`).
    case meetingStart = "__PBMeetingStart__"
    case meetingReady = "__PBMeetingReady__"
    case meetingJoin = "__PBMeetingJoin__"
    case meetingEnd = "__PBMeetingEnd__"
    case meetingLeave = "__PBMeetingLeave__"
    /// `CreateAgent(klass, **kwargs)` (a prelude function) makes a new agent with it.
    case createAgent = "__PBCreateAgent__"
    /// `Klass.get_or_create(**kwargs)` (a method of the prelude's agent objects): an idle agent of
    /// the class, or a new one as `CreateAgent` makes it.
    case getOrCreateAgent = "__PBGetOrCreateAgent__"
    // Internal to Markdown playbooks (see `Prelude.llmLoop`).
    case prompt = "__PBPrompt__"
    case start = "__PBStart__"
    case next = "__PBNext__"
    /// A `raw` Markdown playbook: the LLM's whole reply, as text (not run as code).
    case text = "__PBText__"

    var isLLM: Bool { self == .prompt || self == .start || self == .next || self == .text }

    /// Whether the built-in works between the agents of a society (a message, a call, its reply).
    var isSociety: Bool {
        switch self {
        case .sendMessage, .endProgram, .request, .awaitReply, .reply, .idle, .wait, .meetingStart, .meetingReady, .meetingJoin,
            .meetingEnd, .meetingLeave, .createAgent, .getOrCreateAgent:
            return true
        default: return false
        }
    }
}
