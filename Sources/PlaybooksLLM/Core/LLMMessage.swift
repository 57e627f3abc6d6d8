/// One message of an LLM conversation.
///
/// ```swift
/// let messages: [LLMMessage] = [
///     LLMMessage(role: .system, content: "You run playbooks."),
///     LLMMessage(role: .user, content: "Begin."),
/// ]
/// ```
public struct LLMMessage: Sendable, Codable, Equatable, Hashable {
    /// Who wrote a message.
    public enum Role: String, Sendable, Codable, Equatable, Hashable, CaseIterable {
        /// Instructions for the model. Anthropic takes them apart from the conversation (its `system` field).
        case system
        /// The runtime or the person the agent talks to.
        case user
        /// The model.
        case assistant
    }

    public var role: Role
    public var content: String

    public init(role: Role, content: String) {
        self.role = role
        self.content = content
    }

    /// A system message.
    public static func system(_ content: String) -> LLMMessage { LLMMessage(role: .system, content: content) }
    /// A user message.
    public static func user(_ content: String) -> LLMMessage { LLMMessage(role: .user, content: content) }
    /// An assistant message.
    public static func assistant(_ content: String) -> LLMMessage { LLMMessage(role: .assistant, content: content) }
}
