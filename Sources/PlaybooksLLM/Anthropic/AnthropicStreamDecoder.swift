/// Reads Anthropic Messages stream events: `message_start`, `content_block_start`, `content_block_delta` (text
/// from `delta.type == "text_delta"`; other delta types such as `input_json_delta` and `thinking_delta` are
/// skipped), `content_block_stop`, `message_delta`, `message_stop` (the end), `ping`, and `error`. Unknown event
/// types are ignored, as Anthropic's versioning policy asks.
struct AnthropicStreamDecoder: StreamDecoder {
    let provider: String
    private var sawStopReason = false

    init(provider: String) { self.provider = provider }

    var endedCleanly: Bool { sawStopReason }

    mutating func decode(_ event: SSEEvent) throws(LLMError) -> StreamStep {
        let json = try? JSONValue.parse(event.data)
        var type = event.type
        if type == "message", let inner = json?["type"]?.string { type = inner }
        switch type {
        case "ping", "message_start", "content_block_stop":
            return .none
        case "content_block_start":
            if let text = json?["content_block"]?["text"]?.string, !text.isEmpty { return .text(text) }
            return .none
        case "content_block_delta":
            guard let json else { throw invalid(event) }
            let delta = json["delta"]
            if delta?["type"]?.string == "text_delta", let text = delta?["text"]?.string { return .text(text) }
            return .none
        case "message_delta":
            if let reason = json?["delta"]?["stop_reason"], !reason.isNull { sawStopReason = true }
            return .none
        case "message_stop":
            return .finished
        case "error":
            let detail =
                json.flatMap { ServerErrorDetail(json: $0) }
                ?? ServerErrorDetail(message: String(event.data.prefix(500)), type: nil)
            throw LLMError(
                provider: provider, kind: .api, type: detail.type, message: detail.message,
                isRetryable: detail.typeIsRetryable)
        default:
            return .none
        }
    }

    private func invalid(_ event: SSEEvent) -> LLMError {
        LLMError(
            provider: provider, kind: .invalidResponse,
            message: "a \(event.type) event is not JSON: \(event.data.prefix(200))")
    }
}
