import AsyncHTTPClient
import Foundation
import Logging

/// Anthropic Messages with streaming.
///
/// Sends `POST {baseURL}/v1/messages` (no second `/v1` when the base URL already ends with it) with the headers
/// `x-api-key` and `anthropic-version: 2023-06-01`, `"stream": true`, and the system messages joined into the
/// top-level `system` field — one text block with `cache_control: {"type": "ephemeral"}`, so Anthropic caches
/// the prompt prefix (the system prompt is stable for a whole execution). Consecutive messages of one role are merged (blank line between them). Text comes
/// from `content_block_delta` events whose `delta.type` is `text_delta`; `message_stop` ends the reply.
///
/// ```swift
/// let configuration = try HTTPProviderConfiguration(
///     provider: "anthropic", baseURL: AnthropicProvider.defaultBaseURL, model: "claude-sonnet-4-5",
///     apiKeyEnv: "ANTHROPIC_API_KEY")
/// let text = try await AnthropicProvider(configuration: configuration).complete(LLMRequest(messages: [.user("Hi")]))
/// ```
public struct AnthropicProvider: LLMProvider, CustomStringConvertible, CustomReflectable {
    /// The default API root.
    public static let defaultBaseURL = "https://api.anthropic.com"
    /// The `anthropic-version` header sent.
    public static let apiVersion = "2023-06-01"

    public let name = "anthropic"
    private let connection: HTTPProviderConnection
    /// The endpoint, model, key and limits this provider uses.
    public var configuration: HTTPProviderConfiguration { connection.configuration }

    /// - Parameters:
    ///   - httpClient: the client to use; by default a process-wide one with the configuration's timeouts.
    ///   - logger: where retries and failures are logged (never with the key).
    public init(
        configuration: HTTPProviderConfiguration, httpClient: HTTPClient? = nil,
        logger: Logger = Logger(label: "playbooks.llm.anthropic")
    ) {
        connection = HTTPProviderConnection(configuration: configuration, httpClient: httpClient, logger: logger)
    }

    public var description: String { "AnthropicProvider \(configuration)" }

    public var customMirror: Mirror { connection.mirror(of: self, name: name) }

    /// The messages endpoint for the configured base URL.
    public var endpoint: String {
        configuration.baseURL.hasSuffix("/v1") ? configuration.baseURL + "/messages" : configuration.baseURL + "/v1/messages"
    }

    public func stream(_ request: LLMRequest) -> AsyncThrowingStream<String, any Error> { textOnly(events(request)) }

    /// The reply and its usage (input, cache read and written, output tokens).
    public func events(_ request: LLMRequest) -> AsyncThrowingStream<LLMStreamEvent, any Error> {
        var headers = [("anthropic-version", Self.apiVersion)]
        if let key = configuration.apiKey { headers.append(("x-api-key", key.value)) }
        let defaultMaxTokens = configuration.defaultMaxTokens
        return connection.stream(
            request, provider: name, decoder: AnthropicStreamDecoder.self, url: endpoint, headers: headers
        ) { model in
            Self.body(request, model: model, defaultMaxTokens: defaultMaxTokens)
        }
    }

    struct Body: Encodable {
        struct Message: Encodable {
            var role: String
            var content: String
        }
        var model: String
        var max_tokens: Int
        /// The system prompt as one text block marked for prompt caching: it is the same for every call of an
        /// execution, so later calls read it from Anthropic's cache.
        struct SystemBlock: Encodable {
            struct CacheControl: Encodable {
                var type = "ephemeral"
            }
            var type = "text"
            var text: String
            var cache_control = CacheControl()
        }
        var system: [SystemBlock]?
        var messages: [Message]
        var stream = true
        var temperature: Double?
    }

    static func body(_ request: LLMRequest, model: String, defaultMaxTokens: Int) -> [UInt8] {
        var system: [String] = []
        var messages: [Body.Message] = []
        for message in request.messages {
            switch message.role {
            case .system:
                system.append(message.content)
            case .user, .assistant:
                if let last = messages.last, last.role == message.role.rawValue {
                    messages[messages.count - 1].content += "\n\n" + message.content
                } else {
                    messages.append(Body.Message(role: message.role.rawValue, content: message.content))
                }
            }
        }
        let body = Body(
            model: model, max_tokens: request.maxTokens ?? defaultMaxTokens,
            system: system.isEmpty ? nil : [Body.SystemBlock(text: system.joined(separator: "\n\n"))], messages: messages,
            temperature: request.temperature)
        return (try? Array(JSONEncoder().encode(body))) ?? []
    }
}
