/// Bounds of a Markdown playbook's LLM loop: how many replies one call of a playbook may take, and
/// how many replies in a row may make no progress (no code, or the same error again without a
/// new step) before the playbook fails instead of running up the bill.
///
/// ```swift
/// var options = RunnerOptions(llm: provider)
/// options.agentLoop = AgentLoopSettings(maxReplies: 40, maxStalledReplies: 2)
/// ```
///
/// The values are written into the execution's prelude when it starts, so they are part of its
/// durable state: a resume keeps the bounds the execution began with.
public struct AgentLoopSettings: Sendable, Equatable {
    /// Replies one call of a Markdown playbook may take before it fails (default 20).
    public var maxReplies: Int
    /// Replies in a row that make no progress before the playbook fails (default 3).
    public var maxStalledReplies: Int
    /// Characters of a value's `repr` shown to the model in the log of what happened (longer
    /// ones are cut, with a marker saying how long they were; default 800).
    public var maxShownCharacters: Int
    /// Characters a request may hold before the oldest exchanges of a playbook call are left
    /// out, with a marker (default 400,000: about 100,000 tokens). See ``ConversationCompaction``.
    public var maxContextCharacters: Int
    /// Whether the model is told what its replies did (tests turn it off to show that a model
    /// cannot do its job without it: it is then only told that its reply ran or which statement failed).
    package var showsWhatHappened = true

    public init(
        maxReplies: Int = 20, maxStalledReplies: Int = 3, maxShownCharacters: Int = 800,
        maxContextCharacters: Int = 400_000
    ) {
        self.maxContextCharacters = max(1_000, maxContextCharacters)
        self.maxReplies = max(1, maxReplies)
        self.maxStalledReplies = max(1, maxStalledReplies)
        self.maxShownCharacters = max(40, maxShownCharacters)
    }
}
