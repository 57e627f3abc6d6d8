/// The `[llm]` table of `playbooks.toml`: which model carries out Markdown playbooks.
///
/// ```toml
/// [llm]
/// provider = "openai"              # "scripted" | "openai" | "anthropic"
/// model = "gpt-4o-mini"
/// base_url = "http://localhost:11434/v1"
/// api_key_env = "OPENAI_API_KEY"   # the name of the variable, never the key itself
/// script = "replies.md"            # scripted provider: the replies file
/// chunk_size = 8                   # scripted provider: characters per streamed chunk
/// max_calls = 50                   # budgets per execution (see LLMBudget); all optional
/// max_input_tokens = 500000
/// max_output_tokens = 50000
/// max_cost = 2.0                   # in the unit of the prices below
/// max_replies = 20                 # replies one playbook call may take (AgentLoopSettings)
/// max_stalled_replies = 3          # replies in a row without progress before the playbook fails
/// max_context_characters = 400000  # older exchanges are left out of a longer request
///
/// [llm.prices."gpt-4o-mini"]       # per million tokens
/// input_per_million = 0.15
/// output_per_million = 0.60
/// ```
public struct LLMConfiguration: Sendable, Equatable {
    /// The kinds of LLM client.
    public enum Provider: String, Sendable, Equatable, CaseIterable, Codable {
        /// Replies read from a file, streamed in chunks: offline and deterministic.
        case scripted
        /// OpenAI-compatible chat completions (OpenAI, vLLM, llama.cpp server, Ollama, LM Studio).
        case openai
        /// Anthropic Messages.
        case anthropic
    }

    public var provider: Provider?
    public var model: String?
    public var baseURL: String?
    /// The name of the environment variable that holds the API key.
    public var apiKeyEnv: String?
    /// The scripted replies file; relative paths are relative to the program's directory once resolved.
    public var script: String?
    /// Characters per chunk for the scripted provider.
    public var chunkSize: Int?
    /// The bounds of Markdown playbooks' LLM loops.
    public var agentLoop = AgentLoopSettings()
    /// Per-execution limits on LLM calls, tokens and cost.
    public var budget = LLMBudget()
    /// Prices per million tokens, by model name.
    public var prices: [String: LLMPrice] = [:]

    /// The price of `model`, if the table has one.
    public func price(of model: String?) -> LLMPrice? { model.flatMap { prices[$0] } }

    public init(
        provider: Provider? = nil, model: String? = nil, baseURL: String? = nil, apiKeyEnv: String? = nil,
        script: String? = nil, chunkSize: Int? = nil
    ) {
        self.provider = provider
        self.model = model
        self.baseURL = baseURL
        self.apiKeyEnv = apiKeyEnv
        self.script = script
        self.chunkSize = chunkSize
    }
}
