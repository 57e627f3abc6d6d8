import Foundation

/// Builds the provider that the `[llm]` settings (or the matching command-line flags) describe.
///
/// - `"scripted"`: needs `script` (a path; relative paths are relative to the current directory, so resolve them
///   first); `chunkSize` defaults to ``ScriptedProvider/defaultChunkSize``; `model`, `baseURL`, `apiKeyEnv` unused.
/// - `"openai"`: `baseURL` defaults to ``OpenAICompatibleProvider/defaultBaseURL``; `apiKeyEnv` names the variable
///   that holds the key — `OPENAI_API_KEY` when neither is given; with a `baseURL` and no `apiKeyEnv` no key is sent
///   (local servers such as Ollama or llama.cpp).
/// - `"anthropic"`: `baseURL` defaults to ``AnthropicProvider/defaultBaseURL``; `apiKeyEnv` defaults to
///   `ANTHROPIC_API_KEY`.
///
/// Both HTTP providers need a `model`.
///
/// ```swift
/// let provider = try makeProvider(provider: "openai", model: "llama3.2", baseURL: "http://localhost:11434/v1",
///                                 apiKeyEnv: nil, script: nil, chunkSize: nil)
/// ```
///
/// - Throws: ``LLMError`` (kind `.configuration`, or `.script` for a script without replies) naming what is missing —
///   never the key.
public func makeProvider(
    provider: String, model: String?, baseURL: String?, apiKeyEnv: String?, script: String?, chunkSize: Int?,
    requestLogPath: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment
) throws -> any LLMProvider {
    switch provider.lowercased() {
    case "scripted":
        guard let script, !script.isEmpty else {
            throw LLMError(provider: "scripted", kind: .configuration, message: "the scripted provider needs `script` (a replies file)")
        }
        if let chunkSize, chunkSize < 1 {
            throw LLMError(provider: "scripted", kind: .configuration, message: "chunk_size must be at least 1, not \(chunkSize)")
        }
        return try ScriptedProvider(
            scriptPath: script, chunkSize: chunkSize ?? ScriptedProvider.defaultChunkSize, requestLogPath: requestLogPath)
    case "openai":
        // OpenAI's own API needs a key: without `api_key_env` it is read from OPENAI_API_KEY (an error
        // up front when that is unset). Other OpenAI-compatible servers (a base URL given) may need none.
        let configuration = try HTTPProviderConfiguration(
            provider: "openai", baseURL: baseURL ?? OpenAICompatibleProvider.defaultBaseURL, model: try requireModel(model, "openai"),
            apiKeyEnv: apiKeyEnv ?? (baseURL == nil ? "OPENAI_API_KEY" : nil), environment: environment)
        return OpenAICompatibleProvider(configuration: configuration)
    case "anthropic":
        let configuration = try HTTPProviderConfiguration(
            provider: "anthropic", baseURL: baseURL ?? AnthropicProvider.defaultBaseURL,
            model: try requireModel(model, "anthropic"), apiKeyEnv: apiKeyEnv ?? "ANTHROPIC_API_KEY", environment: environment)
        return AnthropicProvider(configuration: configuration)
    default:
        throw LLMError(
            provider: provider, kind: .configuration,
            message: "unknown provider '\(provider)': use \"scripted\", \"openai\" or \"anthropic\"")
    }
}

private func requireModel(_ model: String?, _ provider: String) throws(LLMError) -> String {
    guard let model, !model.trimmingWhitespace().isEmpty else {
        throw LLMError(provider: provider, kind: .configuration, message: "the \(provider) provider needs `model`")
    }
    return model
}
