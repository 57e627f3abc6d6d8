/// An LLM that streams its reply as text deltas.
///
/// Three providers conform: ``OpenAICompatibleProvider`` (`"openai"`), ``AnthropicProvider`` (`"anthropic"`) and
/// ``ScriptedProvider`` (`"scripted"`). ``makeProvider(provider:model:baseURL:apiKeyEnv:script:chunkSize:requestLogPath:environment:)``
/// builds one from the `[llm]` settings.
///
/// ```swift
/// let provider = try makeProvider(provider: "scripted", model: nil, baseURL: nil, apiKeyEnv: nil,
///                                 script: "replies.txt", chunkSize: 8)
/// var reply = ""
/// for try await delta in provider.stream(LLMRequest(messages: [.user("Begin.")], callIndex: 0)) {
///     reply += delta      // run complete statements as they arrive
/// }
/// ```
///
/// Errors thrown by the stream are ``LLMError``s (or `CancellationError` when the consuming task is cancelled).
/// Stopping the iteration early cancels the underlying request.
///
/// Retries: the HTTP providers retry on their own only while no text has been delivered (429, 5xx, broken
/// connections). Once a delta has been yielded, a failure ends the stream with an ``LLMError`` whose
/// ``LLMError/deliveredCharacters`` is above zero: the caller knows how much of the reply it has executed and decides
/// whether to ask again (for example for a continuation of the executed prefix).
public protocol LLMProvider: Sendable {
    /// The provider's kind: `"openai"`, `"anthropic"` or `"scripted"`.
    var name: String { get }

    /// The reply as text deltas, in order. Errors: ``LLMError``.
    func stream(_ request: LLMRequest) -> AsyncThrowingStream<String, any Error>

    /// The reply as text deltas and the request's token usage (``LLMStreamEvent``), in order. Errors: ``LLMError``.
    ///
    /// The default delivers ``stream(_:)``'s text and no usage; the built-in providers report usage.
    func events(_ request: LLMRequest) -> AsyncThrowingStream<LLMStreamEvent, any Error>
}

extension LLMProvider {
    public func events(_ request: LLMRequest) -> AsyncThrowingStream<LLMStreamEvent, any Error> {
        let text = stream(request)
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    for try await delta in text { continuation.yield(.text(delta)) }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// The text deltas of ``events(_:)`` (usage dropped): how providers that implement `events` provide `stream`.
    public func textOnly(_ events: AsyncThrowingStream<LLMStreamEvent, any Error>) -> AsyncThrowingStream<String, any Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    for try await event in events { if case .text(let delta) = event { continuation.yield(delta) } }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}

extension LLMProvider {
    /// The whole reply as one string (collects ``stream(_:)``).
    ///
    /// ```swift
    /// let text = try await provider.complete(LLMRequest(messages: [.user("Hi")]))
    /// ```
    public func complete(_ request: LLMRequest) async throws -> String {
        var text = ""
        for try await delta in stream(request) { text += delta }
        return text
    }
}

extension AsyncThrowingStream where Failure == any Error {
    /// A stream that fails at once with `error`.
    static func failed(_ error: any Error) -> AsyncThrowingStream {
        AsyncThrowingStream { $0.finish(throwing: error) }
    }
}
