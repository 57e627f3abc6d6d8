/// Why an LLM call failed. Never contains an API key: messages taken from servers pass through
/// ``APIKey/redact(_:)`` before they reach an error.
///
/// ```swift
/// do { _ = try await provider.complete(request) } catch let error as LLMError {
///     print(error)   // anthropic: HTTP 529 (overloaded_error): Overloaded (gave up after 4 attempts)
/// }
/// ```
public struct LLMError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What went wrong, broadly.
    public enum Kind: String, Sendable, Equatable {
        /// The server answered with an HTTP error status (see ``LLMError/status``).
        case http
        /// The server reported an error inside the stream (an `error` event or a JSON `error` object).
        case api
        /// The connection failed, timed out or broke mid-stream.
        case connection
        /// The server sent something that is not the provider's streaming format.
        case invalidResponse
        /// The provider is not configured correctly (missing key variable, bad URL, unreadable script, ...).
        case configuration
        /// The scripted provider has no reply for the requested call.
        case script
    }

    /// `"openai"`, `"anthropic"` or `"scripted"`.
    public var provider: String
    public var kind: Kind
    /// The HTTP status, when the server answered with one.
    public var status: Int?
    /// The error type the server named (`rate_limit_error`, `overloaded_error`, `server_error`, ...), if any.
    public var type: String?
    /// What happened, in words. Never holds an API key.
    public var message: String
    /// Whether asking again may succeed (429, 5xx, overloaded, broken connections).
    public var isRetryable: Bool
    /// How many attempts were made before giving up (1 when there was no retry).
    public var attempts: Int
    /// How many characters of the reply had been delivered to the caller when the error happened.
    public var deliveredCharacters: Int

    public init(
        provider: String, kind: Kind, status: Int? = nil, type: String? = nil, message: String, isRetryable: Bool = false,
        attempts: Int = 1, deliveredCharacters: Int = 0
    ) {
        self.provider = provider
        self.kind = kind
        self.status = status
        self.type = type
        self.message = message
        self.isRetryable = isRetryable
        self.attempts = attempts
        self.deliveredCharacters = deliveredCharacters
    }

    public var description: String {
        var text = "\(provider): "
        if let status { text += "HTTP \(status)" + (type.map { " (\($0))" } ?? "") + ": " } else if let type { text += "\(type): " }
        text += message
        var notes: [String] = []
        if attempts > 1 { notes.append("gave up after \(attempts) attempts") }
        if deliveredCharacters > 0 { notes.append("after \(deliveredCharacters) characters of the reply were delivered") }
        if !notes.isEmpty { text += " (" + notes.joined(separator: ", ") + ")" }
        return text
    }
}
