import PlaybooksDurability

/// What the model was asked and what its replies did, for every LLM call of an execution, in
/// order — derived from the journal by replaying it (see ``ExecutionRunner/trace(id:program:store:)``),
/// so it needs no log of its own and is the same after any number of crashes and resumes.
///
/// ```swift
/// let trace = try await ExecutionRunner.trace(id: id, program: program, store: store)
/// for call in trace.calls { print(call.playbook, call.statements.count, call.errors.map(\.message)) }
/// print(trace.text)
/// ```
public struct LLMTrace: Sendable, Equatable, Codable {
    public var executionID: ExecutionID
    /// The distinct system prompts sent (usually one: it is stable); calls refer to them by index.
    public var systemPrompts: [String]
    /// Every LLM call, in the order it was made.
    public var calls: [Call]
    /// Both sides of every conversation, in order: what the agent said (`Say`) and the messages
    /// it received (`WaitForMessage` / `Yield`), with senders.
    public var transcript: [Message]

    /// One LLM call: the request sent, the statements of the reply that ran, the errors, and what
    /// went back to the model.
    public struct Call: Sendable, Equatable, Codable {
        /// The call's index in the execution (the scripted provider's reply number).
        public var index: Int
        /// The Markdown playbook that made the call.
        public var playbook: String
        /// The journal record (`__PBStart__`) at which the request was made.
        public var record: Int
        /// The request's system prompt: an index into ``LLMTrace/systemPrompts``.
        public var systemPrompt: Int?
        /// The request's other messages, oldest first.
        public var messages: [TraceMessage]
        /// The reply's statements in the order they ran (each handed over by a `__PBNext__` record).
        public var statements: [Statement]
        /// The statements that failed, with their errors (the statements after one did not run).
        public var errors: [Failure]
        /// How the reply ended: `returned`, `end` (ran to its end without returning), `error`,
        /// `nocode`; `nil` while it is still running (or when the playbook stopped during it).
        public var ending: String?
        /// What the runtime sent back to the model after this reply: the last user message of the
        /// same playbook call's next request (`nil` when the reply returned or nothing followed).
        public var feedback: String?
        /// Token usage of the call, when the journal records it.
        // USAGE: filled in once the journal records providers' usage (issue 15, item 4).
        public var usage: Usage?
    }

    /// A message of a request (`user` or `assistant`; the system prompt is kept apart).
    public struct TraceMessage: Sendable, Equatable, Codable {
        public var role: String
        public var content: String
    }

    /// A statement of a reply, handed to the code by journal record ``record``.
    public struct Statement: Sendable, Equatable, Codable {
        public var record: Int
        /// The statement's first line in the reply.
        public var line: Int
        public var text: String
    }

    /// A statement that raised.
    public struct Failure: Sendable, Equatable, Codable {
        /// The statement's line in the reply.
        public var line: Int
        public var statement: String
        public var type: String
        public var message: String
    }

    /// Tokens an LLM call used (a placeholder until usage is journaled).
    public struct Usage: Sendable, Equatable, Codable {
        public var inputTokens: Int?
        public var outputTokens: Int?
    }
}
