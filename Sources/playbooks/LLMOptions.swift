import ArgumentParser
import Foundation
import PlaybooksLLM
import PlaybooksRuntime

/// `--llm` and friends: which LLM runs Markdown playbooks (else `[llm]` in playbooks.toml).
struct LLMOptions: ParsableArguments {
    @Option(help: "LLM provider for Markdown playbooks: scripted, openai or anthropic (default: [llm] in playbooks.toml).")
    var llm: String?

    @Option(help: "The model to ask.")
    var model: String?

    @Option(help: "The provider's base URL (OpenAI-compatible servers: vLLM, llama.cpp, Ollama, LM Studio).")
    var baseURL: String?

    @Option(help: "Name of the environment variable that holds the API key.")
    var apiKeyEnv: String?

    @Option(help: "With --llm scripted: the replies file.")
    var script: String?

    @Option(help: "With --llm scripted: characters per streamed chunk.")
    var chunkSize: Int?

    @Option(
        help: ArgumentHelp(
            "Answer LLM requests identical to earlier ones from this directory, and keep new replies there (development).",
            valueName: "dir"))
    var llmCache: String?

    @Option(help: ArgumentHelp("Append the index of every LLM call requested to this file (for tests).", visibility: .hidden))
    var llmRequestLog: String?

    func validate() throws {
        if let chunkSize { try NumericOptionRange.integer(chunkSize, option: "--chunk-size", in: 1...Int.max) }
    }

    /// The provider the flags or the configuration name; `nil` when neither names one.
    func provider(configuration: RunConfiguration?) throws -> (any LLMProvider)? {
        let config = configuration?.llm
        guard let name = llm ?? config?.provider?.rawValue else { return nil }
        do {
            let provider = try makeProvider(
                provider: name, model: model ?? config?.model, baseURL: baseURL ?? config?.baseURL,
                apiKeyEnv: apiKeyEnv ?? config?.apiKeyEnv, script: script ?? config?.script,
                chunkSize: chunkSize ?? config?.chunkSize, requestLogPath: llmRequestLog)
            guard let llmCache, !llmCache.isEmpty else { return provider }
            return CachingProvider(wrapping: provider, directory: URL(fileURLWithPath: llmCache))
        } catch {
            throw fail("\(error)", status: ExitStatus.usage)
        }
    }

    func modelName(configuration: RunConfiguration?) -> String? { model ?? configuration?.llm.model }
}
