/// Reads Anthropic Messages stream events: `message_start`, `content_block_start`, `content_block_delta` (text
/// from `delta.type == "text_delta"`; other delta types such as `input_json_delta` and `thinking_delta` are
/// skipped), `content_block_stop`, `message_delta`, `message_stop` (the end), `ping`, and `error`. Unknown event
/// types are ignored, as Anthropic's versioning policy asks. Token usage comes from `message_start.message.usage`
/// (input, cache read and cache creation) and `message_delta.usage.output_tokens`.
struct AnthropicStreamDecoder: StreamDecoder {
    let provider: String
    private var sawStopReason = false
    private(set) var usage: LLMUsage?

    init(provider: String) { self.provider = provider }

    var endedCleanly: Bool { sawStopReason }

    mutating func decode(_ event: SSEEvent) throws(LLMError) -> StreamStep {
        let json = try? JSONValue.parse(event.data)
        var type = event.type
        if type == "message", let inner = json?["type"]?.string { type = inner }
        switch type {
        case "message_start":
            if let reported = json?["message"]?["usage"], !reported.isNull { record(reported) }
            return .none
        case "ping", "content_block_stop":
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
            if let reported = json?["usage"], !reported.isNull { record(reported) }
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

    /// Folds a `usage` object in: `message_start` carries the input side, `message_delta` the (cumulative) output.
    /// `input_tokens` excludes cached tokens: the total input is the sum of the three.
    private mutating func record(_ reported: JSONValue) {
        var usage = self.usage ?? LLMUsage()
        let uncached = reported["input_tokens"]?.intValue
        let read = reported["cache_read_input_tokens"]?.intValue
        let written = reported["cache_creation_input_tokens"]?.intValue
        if uncached != nil || read != nil || written != nil {
            usage.cachedInputTokens = read ?? usage.cachedInputTokens
            usage.cacheCreationTokens = written ?? usage.cacheCreationTokens
            usage.inputTokens = (uncached ?? 0) + usage.cachedInputTokens + usage.cacheCreationTokens
        }
        if let output = reported["output_tokens"]?.intValue { usage.outputTokens = output }
        self.usage = usage
    }

    private func invalid(_ event: SSEEvent) -> LLMError {
        LLMError(
            provider: provider, kind: .invalidResponse,
            message: "a \(event.type) event is not JSON: \(event.data.prefix(200))")
    }
}
