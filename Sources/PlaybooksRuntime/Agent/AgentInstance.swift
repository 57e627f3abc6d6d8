import PlaybooksLLM

/// One agent of an execution as the host sees it: its name, the messages given to it that its
/// code has not yet received, and its link to the LLM.
///
/// An agent's playbook call stack, state variables and LLM conversations are data in the VM (and
/// so in every snapshot); what lives here is only what the host holds for it in this process.
/// An execution runs one agent today; a society gives each agent instance its own inbox and LLM
/// session here, and its own call stack and variables in the VM.
final class AgentInstance {
    let name: String
    /// Answers for the code's next `WaitForMessage` / `Yield`, oldest first.
    var inbox: [String]
    let llm: LLMSession

    init(name: String, inbox: [String], llm: LLMSession) {
        self.name = name
        self.inbox = inbox
        self.llm = llm
    }
}
