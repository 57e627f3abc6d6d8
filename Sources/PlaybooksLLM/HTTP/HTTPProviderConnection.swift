import AsyncHTTPClient
import Logging
import NIOHTTP1

/// What every HTTP provider keeps and does the same way, whatever its API: the configuration, the client and the
/// logger, and one streamed call with the request's model and the common headers.
///
/// A provider adds only what its API defines: the endpoint, how the key is sent, and the request body.
struct HTTPProviderConnection: Sendable {
    let configuration: HTTPProviderConfiguration
    let client: HTTPClient
    let logger: Logger

    /// - Parameter httpClient: the client to use; by default a process-wide one with the configuration's timeouts.
    init(configuration: HTTPProviderConfiguration, httpClient: HTTPClient?, logger: Logger) {
        self.configuration = configuration
        self.client = httpClient ?? SharedHTTPClients.client(for: configuration.timeouts)
        self.logger = logger
    }

    /// The mirror a provider shows: its name and the configuration's description (which never holds the key).
    func mirror(of provider: Any, name: String) -> Mirror {
        Mirror(provider, children: ["name": name, "configuration": configuration.description], displayStyle: .struct)
    }

    /// Streams the reply to `request` from `url`, read with `decoder`.
    ///
    /// - Parameters:
    ///   - provider: the provider's name, for errors.
    ///   - headers: the API's own headers (version, key); the content type, `accept: text/event-stream` and the
    ///     configuration's extra headers are added here.
    ///   - body: the request body for the model the request uses (its own, else the configuration's).
    /// - Returns: the text deltas and the usage, or a stream that fails with a configuration error when no model is named.
    func stream<Decoder: StreamDecoder>(
        _ request: LLMRequest, provider: String, decoder: Decoder.Type, url: String, headers: [(String, String)],
        body: (_ model: String) -> [UInt8]
    ) -> AsyncThrowingStream<LLMStreamEvent, any Error> {
        guard let model = request.model ?? configuration.model else {
            return .failed(
                LLMError(
                    provider: provider, kind: .configuration, message: "no model: set `model` in [llm] or in the request"))
        }
        var allHeaders = HTTPHeaders()
        allHeaders.add(name: "content-type", value: "application/json")
        allHeaders.add(name: "accept", value: "text/event-stream")
        allHeaders.add(contentsOf: headers)
        allHeaders.add(contentsOf: configuration.extraHeaders)
        let call = HTTPStreamingCall<Decoder>(
            configuration: configuration, client: client, logger: logger, url: url, headers: allHeaders,
            body: body(model))
        return call.stream()
    }
}
