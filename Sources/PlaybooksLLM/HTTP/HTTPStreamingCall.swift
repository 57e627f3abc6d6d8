import AsyncHTTPClient
import Logging
import NIOCore
import NIOHTTP1

/// One streaming HTTP request with retries: the part the OpenAI-compatible and Anthropic providers share.
///
/// Each attempt POSTs the body, checks the status, and feeds the response body through an ``SSEParser`` into the
/// provider's ``StreamDecoder``. Failures are retried (see ``RetryPolicy``) only while no text was delivered.
struct HTTPStreamingCall<Decoder: StreamDecoder>: Sendable {
    let configuration: HTTPProviderConfiguration
    let client: HTTPClient
    let logger: Logger
    let url: String
    let headers: HTTPHeaders
    let body: [UInt8]

    private var provider: String { configuration.provider }

    /// A failed attempt, with the server's requested wait if it gave one.
    private struct AttemptFailure: Error {
        var error: LLMError
        var retryAfter: Duration?
    }

    /// The reply as a stream; ending the iteration early cancels the request.
    func stream() -> AsyncThrowingStream<LLMStreamEvent, any Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    try await run { continuation.yield($0) }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    func run(deliver: (LLMStreamEvent) -> Void) async throws {
        let policy = configuration.retry
        var delivered = 0
        var attempt = 0
        while true {
            attempt += 1
            var failure: AttemptFailure
            do {
                try await attemptOnce(attempt: attempt, delivered: &delivered, deliver: deliver)
                return
            } catch let error as AttemptFailure {
                failure = error
            } catch let error as LLMError {
                failure = AttemptFailure(error: error)
            } catch {
                if Task.isCancelled || error is CancellationError { throw CancellationError() }
                failure = AttemptFailure(error: connectionError(error, delivered: delivered))
            }
            try Task.checkCancellation()
            var error = sanitized(failure.error)
            error.attempts = attempt
            error.deliveredCharacters = delivered
            guard error.isRetryable, delivered == 0, attempt < policy.maxAttempts else {
                logger.debug("LLM call failed", metadata: ["error": "\(error)"])
                throw error
            }
            let wait: Duration
            if let retryAfter = failure.retryAfter {
                guard retryAfter <= policy.maxRetryAfter else {
                    error.message +=
                        "; the server asked to wait \(retryAfter.seconds)s, more than the \(policy.maxRetryAfter.seconds)s limit"
                    logger.debug("LLM call failed", metadata: ["error": "\(error)"])
                    throw error
                }
                wait = retryAfter
            } else {
                wait = policy.backoff(beforeRetry: attempt)
            }
            logger.notice(
                "LLM call failed, retrying",
                metadata: [
                    "error": "\(error)", "attempt": "\(attempt + 1) of \(policy.maxAttempts)", "wait_seconds": "\(wait.seconds)",
                ])
            try await policy.sleep(wait)
        }
    }

    private func attemptOnce(attempt: Int, delivered: inout Int, deliver: (LLMStreamEvent) -> Void) async throws {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers = headers
        request.body = .bytes(ByteBuffer(bytes: body))
        // The client gets no logger: its trace output is not ours to vouch for (headers carry the key).
        let response = try await client.execute(request, deadline: .now() + configuration.timeouts.responseHead.timeAmount)

        guard response.status == .ok else {
            let text = try await Self.collect(response.body, limit: 64 * 1024)
            let detail = ServerErrorDetail(body: text)
            let status = Int(response.status.code)
            let retryable = status == 408 || status == 429 || status >= 500 || detail.typeIsRetryable
            throw AttemptFailure(
                error: LLMError(
                    provider: provider, kind: .http, status: status, type: detail.type, message: detail.message,
                    isRetryable: retryable),
                retryAfter: retryable ? Self.retryAfter(response.headers) : nil)
        }
        if let contentType = response.headers.first(name: "content-type")?.lowercased(), contentType.contains("application/json") {
            // Not a stream: most likely an error object sent with 200.
            let text = try await Self.collect(response.body, limit: 64 * 1024)
            let detail = ServerErrorDetail(body: text)
            throw LLMError(
                provider: provider, kind: detail.type == nil ? .invalidResponse : .api, status: 200, type: detail.type,
                message: "expected an event stream, got JSON: \(detail.message)", isRetryable: detail.typeIsRetryable)
        }

        var parser = SSEParser()
        var decoder = Decoder(provider: provider)
        var finished = false
        func handle(_ events: [SSEEvent]) throws(LLMError) {
            for event in events where !finished {
                switch try decoder.decode(event) {
                case .none: break
                case .text(let text):
                    guard !text.isEmpty else { continue }
                    delivered += text.count
                    deliver(.text(text))
                case .finished: finished = true
                }
            }
        }
        func end() {
            if let usage = decoder.usage { deliver(.usage(usage)) }
        }
        for try await chunk in response.body {
            try handle(parser.feed(chunk.readableBytesView))
            if finished { return end() }
        }
        try handle(parser.finish())
        if finished || decoder.endedCleanly { return end() }
        throw LLMError(
            provider: provider, kind: .connection,
            message: "the stream ended before the reply was complete (no end-of-stream event)", isRetryable: true)
    }

    private func connectionError(_ error: any Error, delivered: Int) -> LLMError {
        let what: String
        if let error = error as? HTTPClientError {
            switch error {
            case .readTimeout: what = "no data for \(configuration.timeouts.idleRead.seconds)s (read timeout)"
            case .deadlineExceeded: what = "no response within \(configuration.timeouts.responseHead.seconds)s"
            case .connectTimeout: what = "could not connect within \(configuration.timeouts.connect.seconds)s"
            case .remoteConnectionClosed: what = "the server closed the connection"
            default: what = String(describing: error)
            }
        } else {
            what = String(describing: error)
        }
        let prefix = delivered > 0 ? "the connection broke mid-reply" : "the request failed"
        return LLMError(provider: provider, kind: .connection, message: "\(prefix): \(what) (\(url))", isRetryable: true)
    }

    /// `error` with anything that could hold the API key redacted.
    private func sanitized(_ error: LLMError) -> LLMError {
        guard let key = configuration.apiKey else { return error }
        var error = error
        error.message = key.redact(error.message)
        error.type = error.type.map { key.redact($0) }
        return error
    }

    static func collect(_ body: HTTPClientResponse.Body, limit: Int) async throws -> String {
        var bytes: [UInt8] = []
        for try await chunk in body {
            if bytes.count < limit { bytes.append(contentsOf: chunk.readableBytesView.prefix(limit - bytes.count)) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `retry-after-ms` (milliseconds) or `retry-after` (seconds or an HTTP date).
    static func retryAfter(_ headers: HTTPHeaders) -> Duration? {
        if let milliseconds = headers.first(name: "retry-after-ms").flatMap({ Double($0.trimmingWhitespace()) }), milliseconds >= 0 {
            return .nanoseconds(Int64((milliseconds * 1e6).rounded()))
        }
        return headers.first(name: "retry-after").flatMap { RetryPolicy.parseRetryAfter($0) }
    }
}
