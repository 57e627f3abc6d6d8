import AsyncHTTPClient
import Foundation
import Logging

/// OpenAI-compatible chat completions with streaming: OpenAI, vLLM, llama.cpp server, Ollama, LM Studio.
///
/// Sends `POST {baseURL}/chat/completions` with `"stream": true` and reads `choices[0].delta.content` from the
/// event stream until `data: [DONE]`; `stream_options.include_usage` asks for the token usage in the last chunk. The key, when configured, goes in `Authorization: Bearer ...`.
///
/// ```swift
/// let configuration = try HTTPProviderConfiguration(
///     provider: "openai", baseURL: "https://api.openai.com/v1", model: "gpt-4o-mini", apiKeyEnv: "OPENAI_API_KEY")
/// let provider = OpenAICompatibleProvider(configuration: configuration)
/// for try await delta in provider.stream(LLMRequest(messages: [.user("Say hi")])) { print(delta, terminator: "") }
/// ```
public struct OpenAICompatibleProvider: LLMProvider, CustomStringConvertible, CustomReflectable {
    /// The default API root.
    public static let defaultBaseURL = "https://api.openai.com/v1"

    public let name = "openai"
    private let connection: HTTPProviderConnection
    /// The endpoint, model, key and limits this provider uses.
    public var configuration: HTTPProviderConfiguration { connection.configuration }

    /// - Parameters:
    ///   - httpClient: the client to use; by default a process-wide one with the configuration's timeouts.
    ///   - logger: where retries and failures are logged (never with the key).
    public init(
        configuration: HTTPProviderConfiguration, httpClient: HTTPClient? = nil,
        logger: Logger = Logger(label: "playbooks.llm.openai")
    ) {
        connection = HTTPProviderConnection(configuration: configuration, httpClient: httpClient, logger: logger)
    }

    public var description: String { "OpenAICompatibleProvider \(configuration)" }

    public var customMirror: Mirror { connection.mirror(of: self, name: name) }

    public func stream(_ request: LLMRequest) -> AsyncThrowingStream<String, any Error> { textOnly(events(request)) }

    /// The reply and its usage: the request asks for `stream_options: {"include_usage": true}`.
    public func events(_ request: LLMRequest) -> AsyncThrowingStream<LLMStreamEvent, any Error> {
        var headers: [(String, String)] = []
        if let key = configuration.apiKey { headers.append(("authorization", "Bearer \(key.value)")) }
        return connection.stream(
            request, provider: name, decoder: OpenAIStreamDecoder.self, url: configuration.baseURL + "/chat/completions",
            headers: headers
        ) { model in
            Self.body(request, model: model)
        }
    }

    struct Body: Encodable {
        struct Message: Encodable {
            var role: String
            var content: String
        }
        struct StreamOptions: Encodable {
            var include_usage = true
        }
        var model: String
        var messages: [Message]
        var stream = true
        var stream_options = StreamOptions()
        var max_tokens: Int?
        var temperature: Double?
    }

    static func body(_ request: LLMRequest, model: String) -> [UInt8] {
        let body = Body(
            model: model, messages: request.messages.map { Body.Message(role: $0.role.rawValue, content: $0.content) },
            max_tokens: request.maxTokens, temperature: request.temperature)
        return (try? Array(JSONEncoder().encode(body))) ?? []
    }
}
