import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// One step of a scripted response.
enum ServerAction: Sendable {
    /// The status line and headers. Without `content-length` the body is sent chunked.
    case head(status: Int, headers: [(String, String)] = [("content-type", "text/event-stream")])
    /// Bytes of the body, written and flushed as one piece.
    case send([UInt8])
    /// Waits before the next step.
    case pause(Duration)
    /// Ends the response (the connection stays open for the next request).
    case end
    /// Closes the connection where it is, without ending the response.
    case drop

    static func text(_ text: String) -> ServerAction { .send(Array(text.utf8)) }

    /// A whole JSON response.
    static func json(status: Int, _ body: String, headers: [(String, String)] = []) -> [ServerAction] {
        [
            .head(
                status: status,
                headers: [("content-type", "application/json"), ("content-length", "\(body.utf8.count)")] + headers),
            .text(body), .end,
        ]
    }
}

/// A request as the server received it.
struct RecordedRequest: Sendable {
    var method: String
    var uri: String
    var headers: [(String, String)]
    var body: String

    func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:]
    }
}

/// A tiny HTTP/1.1 server on 127.0.0.1 (a free port) that answers each request with the actions a test scripts.
final class TestLLMServer: Sendable {
    typealias Responder = @Sendable (_ number: Int, _ request: RecordedRequest) -> [ServerAction]

    let port: Int
    private let responder: Responder
    private let recorded = LockedBox<[RecordedRequest]>([])

    private init(port: Int, responder: @escaping Responder) {
        self.port = port
        self.responder = responder
    }

    /// Every request received so far, in order.
    var requests: [RecordedRequest] { recorded.value }

    /// `http://127.0.0.1:PORT` followed by `path`.
    func url(_ path: String = "") -> String { "http://127.0.0.1:\(port)\(path)" }

    /// Runs `body` with a server that answers request number `n` (0-based) with `responder(n, request)`.
    static func with<T: Sendable>(
        _ responder: @escaping Responder, _ body: @Sendable (TestLLMServer) async throws -> T
    ) async throws -> T {
        let serverChannel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    return try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(
                        wrappingChannelSynchronously: channel)
                }
            }
        guard let port = serverChannel.channel.localAddress?.port else { throw ServerError.noPort }
        let server = TestLLMServer(port: port, responder: responder)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try? await serverChannel.executeThenClose { inbound in
                    try await withThrowingDiscardingTaskGroup { connections in
                        for try await connection in inbound {
                            connections.addTask { try? await server.serve(connection) }
                        }
                    }
                }
            }
            defer { group.cancelAll() }
            return try await body(server)
        }
    }

    enum ServerError: Error { case noPort }

    private func serve(_ connection: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>) async throws {
        try await connection.executeThenClose { inbound, outbound in
            var head: HTTPRequestHead?
            var body = ByteBuffer()
            for try await part in inbound {
                switch part {
                case .head(let requestHead):
                    head = requestHead
                    body.clear()
                case .body(var bytes):
                    body.writeBuffer(&bytes)
                case .end:
                    guard let head else { continue }
                    let request = RecordedRequest(
                        method: head.method.rawValue, uri: head.uri, headers: head.headers.map { ($0.name, $0.value) },
                        body: String(buffer: body))
                    let number = recorded.withLock { requests in
                        requests.append(request)
                        return requests.count - 1
                    }
                    for action in responder(number, request) {
                        switch action {
                        case .head(let status, let headers):
                            let response = HTTPResponseHead(
                                version: .http1_1, status: HTTPResponseStatus(statusCode: status),
                                headers: HTTPHeaders(headers))
                            try await outbound.write(.head(response))
                        case .send(let bytes):
                            try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: bytes))))
                        case .pause(let duration):
                            try await Task.sleep(for: duration)
                        case .end:
                            try await outbound.write(.end(nil))
                        case .drop:
                            return
                        }
                    }
                }
            }
        }
    }
}

/// A value behind a lock, shared between tasks.
final class LockedBox<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value

    init(_ value: Value) { stored = value }

    var value: Value {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }

    func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&stored)
    }
}

/// Wire-format helpers: what real servers send.
enum Wire {
    static func jsonString(_ text: String) -> String {
        let data = try? JSONSerialization.data(withJSONObject: [text], options: [])
        let array = data.map { String(decoding: $0, as: UTF8.self) } ?? "[\"\"]"
        return String(array.dropFirst().dropLast())
    }

    /// One OpenAI chat-completion chunk event.
    static func openAIChunk(_ content: String) -> String {
        "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\(jsonString(content))},\"finish_reason\":null}]}\n\n"
    }

    static let openAIRoleChunk =
        "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n"
    static let openAIFinish =
        "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
    static let openAIDone = "data: [DONE]\n\n"

    /// A whole OpenAI stream for `pieces`.
    static func openAIStream(_ pieces: [String]) -> [ServerAction] {
        [.head(status: 200), .text(openAIRoleChunk)] + pieces.map { .text(openAIChunk($0)) } + [
            .text(openAIFinish), .text(openAIDone), .end,
        ]
    }

    static let anthropicStart =
        "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"model\":\"claude\",\"stop_reason\":null,\"usage\":{\"input_tokens\":10,\"output_tokens\":1}}}\n\n"
        + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
    static let anthropicPing = "event: ping\ndata: {\"type\": \"ping\"}\n\n"

    static func anthropicDelta(_ text: String) -> String {
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\(jsonString(text))}}\n\n"
    }

    static let anthropicEnd =
        "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
        + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":15}}\n\n"
        + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"

    /// A whole Anthropic stream for `pieces`.
    static func anthropicStream(_ pieces: [String]) -> [ServerAction] {
        [.head(status: 200), .text(anthropicStart), .text(anthropicPing)] + pieces.map { .text(anthropicDelta($0)) } + [
            .text(anthropicEnd), .end,
        ]
    }
}
