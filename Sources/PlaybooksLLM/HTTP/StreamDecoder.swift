/// What one SSE event means to a provider.
enum StreamStep: Equatable {
    /// Nothing to deliver (ping, start, stop of a block, ...).
    case none
    /// Reply text.
    case text(String)
    /// The reply is complete; stop reading.
    case finished
}

/// Turns one provider's SSE events into reply text. Error events throw ``LLMError``.
protocol StreamDecoder: Sendable {
    init(provider: String)
    mutating func decode(_ event: SSEEvent) throws(LLMError) -> StreamStep
    /// Whether the stream, ended by the server without the provider's end marker, still holds a complete reply.
    var endedCleanly: Bool { get }
    /// The token usage the events read so far reported, if any.
    var usage: LLMUsage? { get }
}

/// The message of an error body or error event: `{"error": {"message": ..., "type": ...}}` (OpenAI and Anthropic),
/// `{"error": "text"}`, `{"message": ...}`, or the raw text cut to 500 characters.
struct ServerErrorDetail: Equatable {
    var message: String
    var type: String?

    init(message: String, type: String?) {
        self.message = message
        self.type = type
    }

    init(body: String) {
        if let json = try? JSONValue.parse(body), let detail = ServerErrorDetail(json: json) {
            self = detail
            return
        }
        let trimmed = body.trimmingWhitespace()
        self.init(message: trimmed.isEmpty ? "(empty body)" : String(trimmed.prefix(500)), type: nil)
    }

    /// The detail of a JSON error object, or `nil` when `json` holds none.
    init?(json: JSONValue) {
        let error = json["error"]
        if let message = error?["message"]?.string {
            self.init(message: message, type: error?["type"]?.string ?? error?["code"]?.string)
        } else if let message = error?.string {
            self.init(message: message, type: nil)
        } else if let message = json["message"]?.string {
            self.init(message: message, type: json["type"]?.string)
        } else {
            return nil
        }
    }

    /// Error types that say "try again later".
    var typeIsRetryable: Bool {
        guard let type else { return false }
        return [
            "overloaded_error", "rate_limit_error", "api_error", "server_error", "rate_limit_exceeded", "overloaded",
            "timeout_error", "service_unavailable",
        ].contains(type)
    }
}
