import Foundation
import Testing

@testable import PlaybooksLLM

/// The development cache in front of a real HTTP provider (the local test server).
@Suite struct CachingProviderTests {
    func cached(_ server: TestLLMServer, _ directory: URL) throws -> CachingProvider {
        let sleeps = LockedBox<[Duration]>([])
        let provider = OpenAICompatibleProvider(
            configuration: try httpConfiguration(provider: "openai", baseURL: "http://127.0.0.1:\(server.port)/v1", sleeps: sleeps))
        return CachingProvider(wrapping: provider, directory: directory)
    }

    func temporary() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("llm-cache-\(UUID().uuidString)")
    }

    @Test func anIdenticalRequestIsAnsweredFromTheCache() async throws {
        let directory = temporary()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await TestLLMServer.with({ number, _ in Wire.openAIStream(["reply ", "number \(number)"]) }) { server in
            let provider = try cached(server, directory)
            let request = LLMRequest(messages: [.system("s"), .user("hello")])
            let first = await consume(provider.stream(request))
            let second = await consume(provider.stream(request))
            #expect(first.text == "reply number 0")
            #expect(second.text == "reply number 0")
            #expect(second.error == nil)
            #expect(server.requests.count == 1)
            // Another conversation is another request.
            let other = await consume(provider.stream(LLMRequest(messages: [.system("s"), .user("hello!")])))
            #expect(other.text == "reply number 1")
            #expect(server.requests.count == 2)
        }
    }

    @Test func continuationsAlwaysGoToTheProvider() async throws {
        let directory = temporary()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await TestLLMServer.with({ number, _ in Wire.openAIStream(["live \(number)"]) }) { server in
            let provider = try cached(server, directory)
            var request = LLMRequest(messages: [.user("go on"), .assistant("x = ")])
            request.isContinuation = true
            _ = await consume(provider.stream(request))
            let again = await consume(provider.stream(request))
            #expect(again.text == "live 1")
            #expect(server.requests.count == 2)
            #expect((try? FileManager.default.contentsOfDirectory(atPath: directory.path))?.isEmpty ?? true)
        }
    }

    @Test func aFailedReplyIsNotKept() async throws {
        let directory = temporary()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await TestLLMServer.with({ number, _ in
            number == 0 ? [.head(status: 200), .text(Wire.openAIChunk("half")), .drop] : Wire.openAIStream(["whole"])
        }) { server in
            let provider = try cached(server, directory)
            let request = LLMRequest(messages: [.user("hi")])
            let broken = await consume(provider.stream(request))
            #expect(broken.error != nil)
            let whole = await consume(provider.stream(request))
            #expect(whole.text == "whole")
            let fromCache = await consume(provider.stream(request))
            #expect(fromCache.text == "whole")
            #expect(server.requests.count == 2)
        }
    }
}
