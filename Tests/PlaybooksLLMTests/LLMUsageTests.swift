import Foundation
import Testing

@testable import PlaybooksLLM

/// Token usage read from each provider's wire format, delivered as ``LLMStreamEvent/usage(_:)`` after the text.
@Suite struct LLMUsageTests {
    private func events(_ stream: AsyncThrowingStream<LLMStreamEvent, any Error>) async throws -> (String, [LLMUsage]) {
        var text = ""
        var usages: [LLMUsage] = []
        for try await event in stream {
            switch event {
            case .text(let delta):
                #expect(usages.isEmpty, "text after the usage")
                text += delta
            case .usage(let usage): usages.append(usage)
            }
        }
        return (text, usages)
    }

    private static let openAIUsageChunk =
        "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[],"
        + "\"usage\":{\"prompt_tokens\":1234,\"completion_tokens\":56,\"total_tokens\":1290,"
        + "\"prompt_tokens_details\":{\"cached_tokens\":1024}}}\n\n"

    @Test func openAIUsageFromTheLastChunkAndTheRequestAsksForIt() async throws {
        let sleeps = LockedBox<[Duration]>([])
        let actions: [ServerAction] =
            [.head(status: 200), .text(Wire.openAIRoleChunk), .text(Wire.openAIChunk("Hi")), .text(Wire.openAIFinish)]
            + [.text(Self.openAIUsageChunk), .text(Wire.openAIDone), .end]
        try await TestLLMServer.with({ _, _ in actions }) { server in
            let provider = OpenAICompatibleProvider(
                configuration: try httpConfiguration(provider: "openai", baseURL: server.url("/v1"), sleeps: sleeps))
            let (text, usages) = try await events(provider.events(LLMRequest(messages: [.user("hi")])))
            #expect(text == "Hi")
            #expect(usages == [LLMUsage(inputTokens: 1234, outputTokens: 56, cachedInputTokens: 1024)])
            let sent = try #require(server.requests.first)
            #expect((sent.json["stream_options"] as? [String: Bool]) == ["include_usage": true])
        }
    }

    @Test func openAIWithoutUsageReportsNone() async throws {
        let sleeps = LockedBox<[Duration]>([])
        try await TestLLMServer.with({ _, _ in Wire.openAIStream(["a", "b"]) }) { server in
            let provider = OpenAICompatibleProvider(
                configuration: try httpConfiguration(provider: "openai", baseURL: server.url("/v1"), sleeps: sleeps))
            let (text, usages) = try await events(provider.events(LLMRequest(messages: [.user("hi")])))
            #expect(text == "ab")
            #expect(usages.isEmpty)
            // The text-only stream still works and drops nothing.
            #expect(try await provider.complete(LLMRequest(messages: [.user("hi")])) == "ab")
        }
    }

    @Test func anthropicUsageFromMessageStartAndMessageDelta() async throws {
        let sleeps = LockedBox<[Duration]>([])
        let start =
            "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\","
            + "\"role\":\"assistant\",\"content\":[],\"model\":\"claude\",\"stop_reason\":null,\"usage\":{\"input_tokens\":30,"
            + "\"cache_read_input_tokens\":2000,\"cache_creation_input_tokens\":500,\"output_tokens\":1}}}\n\n"
            + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
        let actions: [ServerAction] = [.head(status: 200), .text(start), .text(Wire.anthropicDelta("Yo")), .text(Wire.anthropicEnd), .end]
        try await TestLLMServer.with({ _, _ in actions }) { server in
            let provider = AnthropicProvider(
                configuration: try httpConfiguration(provider: "anthropic", baseURL: server.url(""), sleeps: sleeps))
            let (text, usages) = try await events(provider.events(LLMRequest(messages: [.user("hi")])))
            #expect(text == "Yo")
            // input = uncached 30 + cache read 2000 + cache write 500; output from message_delta (15), not message_start.
            #expect(usages == [LLMUsage(inputTokens: 2530, outputTokens: 15, cachedInputTokens: 2000, cacheCreationTokens: 500)])
        }
    }

    @Test func anthropicPlainUsage() async throws {
        let sleeps = LockedBox<[Duration]>([])
        try await TestLLMServer.with({ _, _ in Wire.anthropicStream(["a"]) }) { server in
            let provider = AnthropicProvider(
                configuration: try httpConfiguration(provider: "anthropic", baseURL: server.url(""), sleeps: sleeps))
            let (_, usages) = try await events(provider.events(LLMRequest(messages: [.user("hi")])))
            #expect(usages == [LLMUsage(inputTokens: 10, outputTokens: 15)])
        }
    }

    @Test func scriptedProviderEstimatesFourCharactersPerToken() async throws {
        let provider = ScriptedProvider(script: ReplyScript(replies: ["123456789"]), chunkSize: 4)
        let request = LLMRequest(messages: [.system("12345678"), .user("1234")], callIndex: 0)
        let (text, usages) = try await events(provider.events(request))
        #expect(text == "123456789")
        #expect(usages == [LLMUsage(inputTokens: 3, outputTokens: 3)])
    }

    @Test func usageAddsUp() {
        let a = LLMUsage(inputTokens: 1, outputTokens: 2, cachedInputTokens: 3, cacheCreationTokens: 4)
        #expect(a + a == LLMUsage(inputTokens: 2, outputTokens: 4, cachedInputTokens: 6, cacheCreationTokens: 8))
        #expect(LLMUsage.estimatedTokens("") == 0)
        #expect(LLMUsage.estimatedTokens("12345") == 2)
    }
}
