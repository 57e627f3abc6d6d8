import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Where an HTTP provider sends its requests, and how long it waits.
///
/// ```swift
/// let configuration = try HTTPProviderConfiguration(
///     provider: "openai", baseURL: "http://localhost:11434/v1", model: "llama3.2", apiKeyEnv: nil)
/// let provider = OpenAICompatibleProvider(configuration: configuration)
/// ```
public struct HTTPProviderConfiguration: Sendable, CustomStringConvertible, CustomReflectable {
    /// How long the provider waits, for each attempt.
    public struct Timeouts: Sendable, Hashable {
        /// To open the TCP (and TLS) connection.
        public var connect: Duration
        /// From sending the request to the response's status line and headers.
        public var responseHead: Duration
        /// The longest silence while the reply streams (keep-alive comments count as data).
        public var idleRead: Duration

        public init(connect: Duration = .seconds(10), responseHead: Duration = .seconds(120), idleRead: Duration = .seconds(120)) {
            self.connect = connect
            self.responseHead = responseHead
            self.idleRead = idleRead
        }
    }

    /// The provider's name, for errors: `"openai"` or `"anthropic"`.
    public var provider: String
    /// The API root, e.g. `https://api.openai.com/v1` (a trailing `/` is removed).
    public var baseURL: String
    /// The model, unless a request names one.
    public var model: String?
    /// The key, read from the environment variable ``apiKeyEnv``; `nil` sends no key (local servers).
    public var apiKey: APIKey?
    /// The name of the environment variable that held the key.
    public var apiKeyEnv: String?
    /// The reply's length limit when the request sets none (Anthropic requires one).
    public var defaultMaxTokens: Int
    public var timeouts: Timeouts
    public var retry: RetryPolicy
    /// Extra request headers (for example an organization or project header).
    public var extraHeaders: [(String, String)]

    /// - Throws: ``LLMError`` (kind `.configuration`) when the URL is not `http(s)://...` or the key variable is
    ///   named but unset.
    public init(
        provider: String, baseURL: String, model: String?, apiKeyEnv: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment, defaultMaxTokens: Int = 4096,
        timeouts: Timeouts = Timeouts(), retry: RetryPolicy = RetryPolicy(), extraHeaders: [(String, String)] = []
    ) throws(LLMError) {
        var url = baseURL.trimmingWhitespace()
        while url.hasSuffix("/") { url.removeLast() }
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(), scheme == "http" || scheme == "https",
            parsed.host != nil
        else {
            throw LLMError(
                provider: provider, kind: .configuration, message: "base_url '\(baseURL)' is not an http:// or https:// URL")
        }
        self.provider = provider
        self.baseURL = url
        self.model = model
        self.apiKeyEnv = apiKeyEnv
        if let apiKeyEnv, !apiKeyEnv.isEmpty {
            self.apiKey = try APIKey.fromEnvironment(apiKeyEnv, provider: provider, environment: environment)
        } else {
            self.apiKey = nil
        }
        self.defaultMaxTokens = defaultMaxTokens
        self.timeouts = timeouts
        self.retry = retry
        self.extraHeaders = extraHeaders
    }

    public var customMirror: Mirror {
        Mirror(self, children: ["description": description], displayStyle: .struct)
    }

    public var description: String {
        "\(provider)(base_url: \(baseURL), model: \(model ?? "-"), api_key_env: \(apiKeyEnv ?? "-"))"
    }
}

/// The HTTP clients the providers share: one per timeout setting, made on first use and kept for the process's
/// life (like `HTTPClient.shared`), so a provider needs no shutdown.
enum SharedHTTPClients {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var clients: [HTTPProviderConfiguration.Timeouts: HTTPClient] = [:]

    static func client(for timeouts: HTTPProviderConfiguration.Timeouts) -> HTTPClient {
        lock.lock()
        defer { lock.unlock() }
        if let client = clients[timeouts] { return client }
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: timeouts.connect.timeAmount, read: timeouts.idleRead.timeAmount)
        configuration.decompression = .disabled
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        clients[timeouts] = client
        return client
    }
}

extension Duration {
    var timeAmount: TimeAmount {
        let (seconds, attoseconds) = components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
