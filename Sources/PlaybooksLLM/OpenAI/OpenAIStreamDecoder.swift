/// Reads OpenAI chat-completion chunks: `data: {"choices":[{"delta":{"content":"Hi"}}]}` ... `data: [DONE]`,
/// and the token usage of the last chunk (`usage.prompt_tokens`, `completion_tokens`,
/// `prompt_tokens_details.cached_tokens`).
///
/// An `error` object in a chunk (or an `event: error`) becomes an ``LLMError``. A stream that ends after a
/// `finish_reason` but without `[DONE]` counts as complete (some compatible servers omit it).
struct OpenAIStreamDecoder: StreamDecoder {
    let provider: String
    private var sawFinishReason = false
    private(set) var usage: LLMUsage?

    init(provider: String) { self.provider = provider }

    var endedCleanly: Bool { sawFinishReason }

    mutating func decode(_ event: SSEEvent) throws(LLMError) -> StreamStep {
        let data = event.data.trimmingWhitespace()
        if data == "[DONE]" { return .finished }
        if data.isEmpty { return .none }
        guard let json = try? JSONValue.parse(data) else {
            if event.type == "error" { throw LLMError(provider: provider, kind: .api, message: String(data.prefix(500))) }
            throw LLMError(
                provider: provider, kind: .invalidResponse, message: "a stream event is not JSON: \(data.prefix(200))")
        }
        if let error = json["error"], !error.isNull {
            throw apiError(json)
        }
        if event.type == "error" { throw apiError(json) }
        if let usage = json["usage"], !usage.isNull {
            // The last chunk when the request asked for `stream_options.include_usage` (its `choices` is empty).
            self.usage = LLMUsage(
                inputTokens: usage["prompt_tokens"]?.intValue ?? 0, outputTokens: usage["completion_tokens"]?.intValue ?? 0,
                cachedInputTokens: usage["prompt_tokens_details"]?["cached_tokens"]?.intValue ?? 0)
        }
        let choice = json["choices"]?[0]
        if let reason = choice?["finish_reason"], !reason.isNull { sawFinishReason = true }
        if let content = choice?["delta"]?["content"]?.string, !content.isEmpty { return .text(content) }
        return .none
    }

    private func apiError(_ json: JSONValue) -> LLMError {
        let detail = ServerErrorDetail(json: json) ?? ServerErrorDetail(message: "the server reported an error", type: nil)
        var status: Int?
        if case .number(let code)? = json["error"]?["code"] { status = Int(code) }
        return LLMError(
            provider: provider, kind: .api, status: status, type: detail.type, message: detail.message,
            isRetryable: detail.typeIsRetryable || status == 429 || (status ?? 0) >= 500)
    }
}
