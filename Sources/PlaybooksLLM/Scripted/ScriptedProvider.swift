import Foundation

/// Replies read from a script, one per LLM call, streamed in chunks: programs and tests run offline and
/// deterministically.
///
/// The reply for a request (see ``ReplyScript`` for the file format, ``reply(for:)`` for the errors):
/// - when the request has a ``LLMRequest/key`` and the script has keyed replies for it, keyed reply
///   ``LLMRequest/keyIndex`` of that key (`=== reply Host.Main ===`): each key's replies are consumed in order,
///   whatever the order in which the agents call;
/// - otherwise unkeyed reply ``LLMRequest/callIndex``.
///
/// The reply is streamed in chunks of ``chunkSize`` characters, keyed or not. Each request is recorded — in memory
/// (``requestedCallIndices``) and, when ``requestLogPath`` is set, as one line `callIndex` appended to that file — so
/// tests can check that no reply was requested twice, also across processes (keyed requests too: their `callIndex`
/// is recorded, not their key).
///
/// ```swift
/// let provider = try ScriptedProvider(scriptPath: "replies.txt", chunkSize: 8, requestLogPath: "requests.log")
/// let reply = try await provider.complete(LLMRequest(messages: [], callIndex: 0))
/// provider.requestedCallIndices   // [0]
/// // With `=== reply Host.Main ===` replies: the first call of Host.Main, whatever its callIndex.
/// let hostReply = try await provider.complete(LLMRequest(messages: [], callIndex: 1, key: "Host.Main", keyIndex: 0))
/// ```
public final class ScriptedProvider: LLMProvider, CustomStringConvertible, @unchecked Sendable {
    /// The default characters per chunk.
    public static let defaultChunkSize = 8

    public let name = "scripted"
    public let script: ReplyScript
    /// Characters (grapheme clusters) per streamed chunk.
    public let chunkSize: Int
    /// Where each request's `callIndex` is appended, one per line; `nil` keeps the log in memory only.
    public let requestLogPath: String?
    /// A pause before each chunk after the first (none by default), to imitate a slow model.
    public let chunkDelay: Duration?
    private let scriptPath: String?
    private let lock = NSLock()
    private var requests: [Int] = []

    /// A provider over replies given directly.
    public init(
        script: ReplyScript, chunkSize: Int = ScriptedProvider.defaultChunkSize, requestLogPath: String? = nil, chunkDelay: Duration? = nil
    ) {
        self.script = script
        self.chunkSize = max(1, chunkSize)
        self.requestLogPath = requestLogPath
        self.chunkDelay = chunkDelay
        self.scriptPath = nil
    }

    /// A provider over the replies of the file at `scriptPath`, read once, now.
    public init(
        scriptPath: String, chunkSize: Int = ScriptedProvider.defaultChunkSize, requestLogPath: String? = nil, chunkDelay: Duration? = nil
    ) throws(LLMError) {
        self.script = try ReplyScript(contentsOfFile: scriptPath)
        self.chunkSize = max(1, chunkSize)
        self.requestLogPath = requestLogPath
        self.chunkDelay = chunkDelay
        self.scriptPath = scriptPath
    }

    public var description: String {
        let keyed = script.keyed.keys.sorted().map { "\($0) \(script.keyed[$0, default: []].count)" }
        let keyedPart = keyed.isEmpty ? "" : ", keyed: \(keyed.joined(separator: ", "))"
        return
            "ScriptedProvider(script: \(scriptPath ?? "in memory"), replies: \(script.replies.count)\(keyedPart), chunk_size: \(chunkSize))"
    }

    /// The `callIndex` of every request this provider was asked for, in order.
    public var requestedCallIndices: [Int] {
        lock.lock()
        defer { lock.unlock() }
        return requests
    }

    /// Reads a request log file: the `callIndex` of each request, in order.
    public static func readRequestLog(_ path: String) throws -> [Int] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return text.split(separator: "\n").compactMap { Int($0.trimmingWhitespace()) }
    }

    /// `text` cut into chunks of `size` characters.
    public static func chunks(of text: String, size: Int) -> [String] {
        var chunks: [String] = []
        var index = text.startIndex
        while index < text.endIndex {
            let end = text.index(index, offsetBy: max(1, size), limitedBy: text.endIndex) ?? text.endIndex
            chunks.append(String(text[index..<end]))
            index = end
        }
        return chunks
    }

    public func stream(_ request: LLMRequest) -> AsyncThrowingStream<String, any Error> { textOnly(events(request)) }

    /// The usage a scripted call reports: an estimate of one token per 4 characters of the request's messages
    /// (input) and of the reply (output), so offline runs show numbers.
    public static func estimatedUsage(_ request: LLMRequest, reply: String) -> LLMUsage {
        LLMUsage(
            inputTokens: request.messages.reduce(0) { $0 + LLMUsage.estimatedTokens($1.content) },
            outputTokens: LLMUsage.estimatedTokens(reply))
    }

    /// The whole reply the script has for `request` (not recorded in the request log).
    ///
    /// - Throws: ``LLMError`` (kind `.script`) when the script has keyed replies for the request's key but fewer
    ///   than `keyIndex + 1`; when the request's key (or a request without a key) has no keyed replies and the
    ///   script has no unkeyed replies either (the message lists the keys the script has); when it falls back to
    ///   the unkeyed replies and `callIndex` is past them.
    public func reply(for request: LLMRequest) throws(LLMError) -> String {
        let source = scriptPath.map { "the script \($0)" } ?? "the script"
        func replies(_ count: Int) -> String { "\(count) \(count == 1 ? "reply" : "replies")" }
        if let key = request.key, let keyed = script.keyed[key], !keyed.isEmpty {
            guard request.keyIndex >= 0, request.keyIndex < keyed.count else {
                throw LLMError(
                    provider: name, kind: .script,
                    message:
                        "\(source) has \(replies(keyed.count)) for \(key); reply \(request.keyIndex + 1) for \(key) was requested (keyIndex \(request.keyIndex), callIndex \(request.callIndex))"
                )
            }
            return keyed[request.keyIndex]
        }
        let count = script.replies.count
        let keys = script.keyed.filter { !$0.value.isEmpty }.keys.sorted()
        if count == 0, !keys.isEmpty {
            let asked =
                request.key.map { "for \($0) (keyIndex \(request.keyIndex), callIndex \(request.callIndex))" }
                ?? "for a call without a key (callIndex \(request.callIndex))"
            throw LLMError(
                provider: name, kind: .script,
                message:
                    "\(source) has no reply \(asked): it has no unkeyed replies, and keyed replies only for \(keys.joined(separator: ", "))"
            )
        }
        guard request.callIndex >= 0, request.callIndex < count else {
            throw LLMError(
                provider: name, kind: .script,
                message:
                    "\(source) has \(replies(count)); reply \(request.callIndex + 1) was requested (callIndex \(request.callIndex))")
        }
        return script.replies[request.callIndex]
    }

    /// The reply in chunks, then its estimated usage (``estimatedUsage(_:reply:)``).
    public func events(_ request: LLMRequest) -> AsyncThrowingStream<LLMStreamEvent, any Error> {
        do {
            try record(request.callIndex)
        } catch {
            return .failed(error)
        }
        let reply: String
        do {
            reply = try self.reply(for: request)
        } catch {
            return .failed(error)
        }
        let chunks = Self.chunks(of: reply, size: chunkSize)
        let usage = Self.estimatedUsage(request, reply: reply)
        guard let chunkDelay else {
            return AsyncThrowingStream { continuation in
                for chunk in chunks { continuation.yield(.text(chunk)) }
                continuation.yield(.usage(usage))
                continuation.finish()
            }
        }
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    for (number, chunk) in chunks.enumerated() {
                        if number > 0 { try await Task.sleep(for: chunkDelay) }
                        continuation.yield(.text(chunk))
                    }
                    continuation.yield(.usage(usage))
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    private func record(_ callIndex: Int) throws(LLMError) {
        lock.lock()
        defer { lock.unlock() }
        requests.append(callIndex)
        guard let requestLogPath else { return }
        let line = Array("\(callIndex)\n".utf8)
        let fd = open(requestLogPath, O_WRONLY | O_APPEND | O_CREAT, 0o644)
        guard fd >= 0 else {
            throw LLMError(
                provider: name, kind: .configuration,
                message: "cannot open the request log \(requestLogPath): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        let written = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == line.count else {
            throw LLMError(provider: name, kind: .configuration, message: "cannot append to the request log \(requestLogPath)")
        }
    }
}
