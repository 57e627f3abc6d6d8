import Foundation
import Logging
import Testing

@testable import PlaybooksLLM

/// The Anthropic provider against a real local HTTP server speaking the Messages stream format.
@Suite struct AnthropicProviderTests {
    private func provider(
        _ server: TestLLMServer, sleeps: LockedBox<[Duration]>, maxAttempts: Int = 4, path: String = ""
    )
        throws -> AnthropicProvider
    {
        AnthropicProvider(
            configuration: try httpConfiguration(
                provider: "anthropic", baseURL: server.url(path), sleeps: sleeps, maxAttempts: maxAttempts))
    }

    @Test func streamsTextDeltasAndSendsTheRequest() async throws {
        let sleeps = LockedBox<[Duration]>([])
        try await TestLLMServer.with({ _, _ in Wire.anthropicStream(["Hel", "lo"]) }) { server in
            let messages: [LLMMessage] = [
                .system("Rule one."), .user("Begin."), .system("Rule two."), .user("Still me."), .assistant("ok"),
            ]
            let outcome = await consume(try provider(server, sleeps: sleeps).stream(LLMRequest(messages: messages, temperature: 0)))
            #expect(outcome.error == nil)
            #expect(outcome.deltas == ["Hel", "lo"])

            let sent = try #require(server.requests.first)
            #expect(sent.method == "POST")
            #expect(sent.uri == "/v1/messages")
            #expect(sent.header("x-api-key") == secretKey)
            #expect(sent.header("anthropic-version") == "2023-06-01")
            #expect(sent.header("authorization") == nil)
            let body = sent.json
            #expect(body["model"] as? String == "test-model")
            #expect(body["stream"] as? Bool == true)
            #expect(body["max_tokens"] as? Int == 4096)
            #expect((body["temperature"] as? NSNumber)?.doubleValue == 0)
            // One text block marked for prompt caching: the system prompt is the stable prefix.
            let system = try #require(body["system"] as? [[String: Any]])
            #expect(system.count == 1)
            #expect(system.first?["type"] as? String == "text")
            #expect(system.first?["text"] as? String == "Rule one.\n\nRule two.")
            #expect((system.first?["cache_control"] as? [String: String]) == ["type": "ephemeral"])
            let sentMessages = try #require(body["messages"] as? [[String: String]])
            #expect(
                sentMessages == [
                    ["role": "user", "content": "Begin.\n\nStill me."], ["role": "assistant", "content": "ok"],
                ])
        }
    }

    @Test func baseURLEndingInV1IsNotDoubled() async throws {
        let sleeps = LockedBox<[Duration]>([])
        try await TestLLMServer.with({ _, _ in Wire.anthropicStream(["x"]) }) { server in
            let outcome = await consume(
                try provider(server, sleeps: sleeps, path: "/v1").stream(LLMRequest(messages: [.user("hi")], maxTokens: 7)))
            #expect(outcome.text == "x")
            #expect(server.requests.first?.uri == "/v1/messages")
            #expect(server.requests.first?.json["max_tokens"] as? Int == 7)
        }
    }

    @Test func utf8SplitAcrossTCPChunksWithPings() async throws {
        let reply = "Gr\u{FC}\u{DF}e \u{1F44B}\u{1F3FD}"
        let event = Array(Wire.anthropicDelta(reply).utf8)
        let cut1 = event.firstIndex(of: 0xC3)! + 1
        let cut2 = event.firstIndex(of: 0xF0)! + 3
        let script: [ServerAction] = [
            .head(status: 200), .text(Wire.anthropicStart), .send(Array(event[..<cut1])), .pause(.milliseconds(40)),
            .send(Array(event[cut1..<cut2])), .pause(.milliseconds(40)), .send(Array(event[cut2...])),
            .text(Wire.anthropicPing), .text(": comment keep-alive\n\n"), .text(Wire.anthropicDelta("!")),
            .text(Wire.anthropicEnd), .end,
        ]
        let sleeps = LockedBox<[Duration]>([])
        try await TestLLMServer.with({ _, _ in script }) { server in
            let outcome = await consume(try provider(server, sleeps: sleeps).stream(LLMRequest(messages: [.user("hi")])))
            #expect(outcome.error == nil)
            #expect(outcome.deltas == [reply, "!"])
        }
    }

    @Test func nonTextDeltasAndUnknownEventsAreSkipped() async throws {
        let script: [ServerAction] = [
            .head(status: 200), .text(Wire.anthropicStart),
            .text(
                "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"hmm\"}}\n\n"
            ),
            .text("event: some_future_event\ndata: {\"type\":\"some_future_event\"}\n\n"),
            .text(Wire.anthropicDelta("text")), .text(Wire.anthropicEnd), .end,
        ]
        let sleeps = LockedBox<[Duration]>([])
        try await TestLLMServer.with({ _, _ in script }) { server in
            let outcome = await consume(try provider(server, sleeps: sleeps).stream(LLMRequest(messages: [.user("hi")])))
            #expect(outcome.error == nil)
            #expect(outcome.deltas == ["text"])
        }
    }

    @Test func errorEventMidStreamIsSurfaced() async throws {
        let script: [ServerAction] = [
            .head(status: 200), .text(Wire.anthropicStart), .text(Wire.anthropicDelta("await ")),
            .pause(.milliseconds(20)),
            .text("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n"),
            .end,
        ]
        let sleeps = LockedBox<[Duration]>([])
        try await TestLLMServer.with({ _, _ in script }) { server in
            let outcome = await consume(try provider(server, sleeps: sleeps).stream(LLMRequest(messages: [.user("hi")])))
            #expect(outcome.deltas == ["await "])
            let error = try #require(outcome.llmError)
            #expect(error.kind == .api)
            #expect(error.type == "overloaded_error")
            #expect(error.isRetryable)
            #expect(error.deliveredCharacters == 6)
            #expect(error.description == "anthropic: overloaded_error: Overloaded (after 6 characters of the reply were delivered)")
            #expect(server.requests.count == 1)
        }
        #expect(sleeps.value.isEmpty)
    }

    @Test func overloadedErrorEventBeforeTextIsRetried() async throws {
        let sleeps = LockedBox<[Duration]>([])
        try await TestLLMServer.with({ number, _ in
            number == 0
                ? [
                    .head(status: 200), .text(Wire.anthropicStart),
                    .text(
                        "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n"),
                    .end,
                ]
                : Wire.anthropicStream(["ok"])
        }) { server in
            let outcome = await consume(try provider(server, sleeps: sleeps).stream(LLMRequest(messages: [.user("hi")])))
            #expect(outcome.error == nil)
            #expect(outcome.text == "ok")
            #expect(server.requests.count == 2)
        }
    }

    @Test func overloaded529ThenRateLimitedThenSuccess() async throws {
        let sleeps = LockedBox<[Duration]>([])
        try await TestLLMServer.with({ number, _ in
            switch number {
            case 0:
                ServerAction.json(status: 529, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}")
            case 1:
                ServerAction.json(
                    status: 429, "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow down\"}}",
                    headers: [("retry-after", "1")])
            default: Wire.anthropicStream(["done"])
            }
        }) { server in
            let outcome = await consume(try provider(server, sleeps: sleeps).stream(LLMRequest(messages: [.user("hi")])))
            #expect(outcome.error == nil)
            #expect(outcome.text == "done")
            #expect(server.requests.count == 3)
        }
        #expect(sleeps.value == [.milliseconds(100), .seconds(1)])
    }

    @Test func givesUpWithAClearError() async throws {
        let sleeps = LockedBox<[Duration]>([])
        try await TestLLMServer.with({ _, _ in
            ServerAction.json(status: 529, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}")
        }) { server in
            let outcome = await consume(try provider(server, sleeps: sleeps, maxAttempts: 2).stream(LLMRequest(messages: [.user("hi")])))
            let error = try #require(outcome.llmError)
            #expect(error.description == "anthropic: HTTP 529 (overloaded_error): Overloaded (gave up after 2 attempts)")
            #expect(server.requests.count == 2)
        }
    }

    @Test func connectionDroppedMidStreamAfterText() async throws {
        let sleeps = LockedBox<[Duration]>([])
        try await TestLLMServer.with({ _, _ in
            [.head(status: 200), .text(Wire.anthropicStart + Wire.anthropicDelta("abc")), .pause(.milliseconds(30)), .drop]
        }) { server in
            let outcome = await consume(try provider(server, sleeps: sleeps).stream(LLMRequest(messages: [.user("hi")])))
            #expect(outcome.deltas == ["abc"])
            let error = try #require(outcome.llmError)
            #expect(error.kind == .connection)
            #expect(error.deliveredCharacters == 3)
            #expect(server.requests.count == 1)
        }
    }

    @Test func connectionDroppedBeforeTextIsRetried() async throws {
        let sleeps = LockedBox<[Duration]>([])
        try await TestLLMServer.with({ number, _ in
            number == 0
                ? [.head(status: 200), .text(Wire.anthropicStart + Wire.anthropicPing), .pause(.milliseconds(30)), .drop]
                : Wire.anthropicStream(["again"])
        }) { server in
            let outcome = await consume(try provider(server, sleeps: sleeps).stream(LLMRequest(messages: [.user("hi")])))
            #expect(outcome.error == nil)
            #expect(outcome.text == "again")
            #expect(server.requests.count == 2)
        }
    }

    @Test func stoppingTheIterationEarlyCancelsTheRequest() async throws {
        let sleeps = LockedBox<[Duration]>([])
        try await TestLLMServer.with({ _, _ in
            // The server would stay silent for 30 s; a consumer that stops reading must not wait for it. (The bound is
            // generous because the whole suite shares two cores; a request that is not cancelled takes the full 30 s.)
            [.head(status: 200), .text(Wire.anthropicStart + Wire.anthropicDelta("first")), .pause(.seconds(30))]
                + Wire.anthropicStream(["never"]).dropFirst()
        }) { server in
            let clock = ContinuousClock()
            let start = clock.now
            var first: String?
            for try await delta in try provider(server, sleeps: sleeps).stream(LLMRequest(messages: [.user("hi")])) {
                first = delta
                break
            }
            #expect(first == "first")
            #expect(clock.now - start < .seconds(25))
        }
    }
}
