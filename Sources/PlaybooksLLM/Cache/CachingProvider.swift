import Crypto
import Foundation

/// An LLM response cache for development: a request identical to one answered before (same
/// provider, model, sampling settings and messages) is answered from a file instead of the
/// provider, streamed in the same small pieces a live reply arrives in. Off by default; turn it on
/// with `playbooks run --llm-cache DIR`.
///
/// Only whole replies are kept (a stream that failed or was stopped leaves nothing), written
/// atomically, one file per request named by the SHA-256 of the request. Continuations of a reply
/// cut by a crash (``LLMRequest/isContinuation``) always go to the provider: the cache never
/// decides how an interrupted execution goes on.
///
/// ```swift
/// let cached = CachingProvider(wrapping: provider, directory: URL(fileURLWithPath: ".playbooks/llm-cache"))
/// let text = try await cached.complete(request)   // the second identical request costs nothing
/// ```
public struct CachingProvider: LLMProvider {
    public let inner: any LLMProvider
    public let directory: URL
    /// Characters per piece when a cached reply is streamed.
    public var chunkSize = 16

    public init(wrapping inner: any LLMProvider, directory: URL) {
        self.inner = inner
        self.directory = directory
    }

    public var name: String { inner.name }

    /// The cache file for `request`.
    public func file(for request: LLMRequest) -> URL {
        // The scripted provider answers by call index (and by key and key index), not by content: they are part of
        // its cache key. A request without a key keeps the cache key it had before keys existed.
        var index = "-"
        if inner.name == "scripted" {
            index = String(request.callIndex)
            if let key = request.key { index += " \(key) \(request.keyIndex)" }
        }
        var key = "playbooks-llm-cache 1\n\(inner.name)\n\(index)\n\(request.model ?? "-")\n"
        key += "\(request.maxTokens.map(String.init) ?? "-")\n\(request.temperature.map { "\($0)" } ?? "-")\n"
        for message in request.messages {
            key += "\(message.role.rawValue) \(message.content.utf8.count)\n\(message.content)\n"
        }
        let digest = SHA256.hash(data: Data(key.utf8)).map { String(format: "%02x", $0) }.joined()
        return directory.appendingPathComponent(digest + ".txt")
    }

    public func stream(_ request: LLMRequest) -> AsyncThrowingStream<String, any Error> {
        if request.isContinuation { return inner.stream(request) }
        let file = file(for: request)
        if let data = FileManager.default.contents(atPath: file.path), let text = String(data: data, encoding: .utf8) {
            let pieces = ScriptedProvider.chunks(of: text, size: chunkSize)
            return AsyncThrowingStream { continuation in
                for piece in pieces { continuation.yield(piece) }
                continuation.finish()
            }
        }
        let live = inner.stream(request)
        let directory = self.directory
        return AsyncThrowingStream { continuation in
            let task = Task {
                var text = ""
                do {
                    for try await delta in live {
                        text += delta
                        continuation.yield(delta)
                    }
                    Self.write(text, to: file, in: directory)
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// Writes a whole reply atomically; a cache that cannot be written is not an error (the
    /// reply was delivered), it just stays uncached.
    static func write(_ text: String, to file: URL, in directory: URL) {
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try? Data(text.utf8).write(to: file, options: .atomic)
    }
}
