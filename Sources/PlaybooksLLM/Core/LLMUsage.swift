/// The tokens one LLM request used, as the provider reported them.
///
/// OpenAI-compatible servers report `usage.prompt_tokens`, `usage.completion_tokens` and
/// `usage.prompt_tokens_details.cached_tokens` in the last chunk (when asked with `stream_options.include_usage`);
/// Anthropic reports `input_tokens`, `cache_read_input_tokens` and `cache_creation_input_tokens` in `message_start`
/// and `output_tokens` in `message_delta`. ``inputTokens`` counts every input token, cached or not.
///
/// ```swift
/// let total = LLMUsage(inputTokens: 1200, outputTokens: 80) + LLMUsage(inputTokens: 1300, outputTokens: 40)
/// total.inputTokens   // 2500
/// ```
public struct LLMUsage: Sendable, Equatable, Hashable, Codable {
    /// All input (prompt) tokens, including those read from or written to the provider's prompt cache.
    public var inputTokens: Int
    /// Output (completion) tokens.
    public var outputTokens: Int
    /// Input tokens read from the provider's prompt cache (part of ``inputTokens``).
    public var cachedInputTokens: Int
    /// Input tokens written to the provider's prompt cache (Anthropic; part of ``inputTokens``).
    public var cacheCreationTokens: Int

    public init(inputTokens: Int = 0, outputTokens: Int = 0, cachedInputTokens: Int = 0, cacheCreationTokens: Int = 0) {
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.cachedInputTokens = cachedInputTokens
        self.cacheCreationTokens = cacheCreationTokens
    }

    /// No tokens.
    public static let zero = LLMUsage()

    /// The sum, field by field.
    public static func + (a: LLMUsage, b: LLMUsage) -> LLMUsage {
        LLMUsage(
            inputTokens: a.inputTokens + b.inputTokens, outputTokens: a.outputTokens + b.outputTokens,
            cachedInputTokens: a.cachedInputTokens + b.cachedInputTokens,
            cacheCreationTokens: a.cacheCreationTokens + b.cacheCreationTokens)
    }

    /// A rough count for text no tokenizer has seen: one token per 4 characters, rounded up.
    public static func estimatedTokens(_ text: String) -> Int { (text.count + 3) / 4 }
}

/// What an LLM stream delivers: reply text, and — once, usually at the end — the request's token usage.
public enum LLMStreamEvent: Sendable, Equatable {
    /// A delta of the reply's text.
    case text(String)
    /// The tokens the request used, as the provider reported them.
    case usage(LLMUsage)
}
