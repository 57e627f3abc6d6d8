import PlaybooksLLM

/// One agent of an execution as the host sees it: its name, the messages given to it, and its
/// link to the LLM.
///
/// An agent's playbook call stack, state variables and LLM conversations are data in the VM (and
/// so in every snapshot); what lives here is only what the host holds for it in this process.
/// An execution runs one agent today; a society gives each agent instance its own inbox and LLM
/// session here, and its own call stack and variables in the VM.
final class AgentInstance {
    let name: String
    /// Every message given to the agent for its `WaitForMessage` / `Yield`, oldest first — durable
    /// with the execution (``ExecutionInfo`` attribute `messages`). How many of them the code has
    /// taken is data in the VM (``PreludeGlobals/messagesTaken``), so a crash neither loses nor
    /// repeats one.
    var messages: [String]
    /// Whether messages were given since the execution's info was last saved.
    var messagesUnsaved = false
    let llm: LLMSession

    init(name: String, messages: [String], llm: LLMSession) {
        self.name = name
        self.messages = messages
        self.llm = llm
    }

    /// The message for the code's next wait, if one was given.
    func nextMessage(taken: Int) -> String? {
        taken >= 0 && taken < messages.count ? messages[taken] : nil
    }
}
