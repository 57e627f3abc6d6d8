import Foundation
import Logging
import Testing

@testable import PlaybooksLLM

/// The OpenAI-compatible provider against a real local HTTP server speaking the chat-completions stream format.
@Suite struct OpenAICompatibleProviderTests {
    private func provider(
        _ server: TestLLMServer, sleeps: LockedBox<[Duration]>, maxAttempts: Int = 4,
        timeouts: HTTPProviderConfiguration.Timeouts = .init(connect: .seconds(5), responseHead: .seconds(10), idleRead: .seconds(10)),
        logger: Logger = Logger(label: "test")
    ) throws -> OpenAICompatibleProvider {
        OpenAICompatibleProvider(
            configuration: try httpConfiguration(
                provider: "openai", baseURL: server.url("/v1"), sleeps: sleeps, maxAttempts: maxAttempts, timeouts: timeouts),
            logger: logger)
    }

    @Test func streamsDeltasAndSendsTheRequest() async throws {
        let sleeps = LockedBox<[Duration]>([])
        try await TestLLMServer.with({ _, _ in Wire.openAIStream(["Hel", "lo, ", "world"]) }) { server in
            let request = LLMRequest(messages: sampleMessages, maxTokens: 100, temperature: 0.5, callIndex: 3)
            let outcome = await consume(try provider(server, sleeps: sleeps).stream(request))
            #expect(outcome.error == nil)
            #expect(outcome.deltas == ["Hel", "lo, ", "world"])

            #expect(server.requests.count == 1)
            let sent = try #require(server.requests.first)
            #expect(sent.method == "POST")
            #expect(sent.uri == "/v1/chat/completions")
            #expect(sent.header("authorization") == "Bearer \(secretKey)")
            #expect(sent.header("content-type") == "application/json")
            let body = sent.json
            #expect(body["model"] as? String == "test-model")
            #expect(body["stream"] as? Bool == true)
            #expect(body["max_tokens"] as? Int == 100)
            #expect(body["temperature"] as? Double == 0.5)
            let messages = try #require(body["messages"] as? [[String: String]])
            #expect(messages == sampleMessages.map { ["role": $0.role.rawValue, "content": $0.content] })
        }
        #expect(sleeps.value.isEmpty)
    }

    @Test func requestModelOverridesConfiguredModelAndNoKeyMeansNoAuthorization() async throws {
        try await TestLLMServer.with({ _, _ in Wire.openAIStream(["ok"]) }) { server in
            let configuration = try HTTPProviderConfiguration(
                provider: "openai", baseURL: server.url("/v1/"), model: "configured", apiKeyEnv: nil, environment: [:])
            let outcome = await consume(
                OpenAICompatibleProvider(configuration: configuration).stream(
                    LLMRequest(messages: [.user("hi")], model: "override")))
            #expect(outcome.text == "ok")
            let sent = try #require(server.requests.first)
            #expect(sent.uri == "/v1/chat/completions")
            #expect(sent.header("authorization") == nil)
            #expect(sent.json["model"] as? String == "override")
            #expect(sent.json["max_tokens"] == nil)
        }
    }

    @Test func utf8SequencesSplitAcrossTCPChunks() async throws {
        let reply = "h\u{E9}llo \u{1F600} \u{4E16}\u{754C}"
        let event = Array(Wire.openAIChunk(reply).utf8)
        // Cut inside the é (2 bytes), the emoji (4 bytes) and 世 (3 bytes).
        let cuts = [
            event.firstIndex(of: 0xC3)! + 1, event.firstIndex(of: 0xF0)! + 2, event.firstIndex(of: 0xE4)! + 1,
        ]
        var actions: [ServerAction] = [.head(status: 200), .text(Wire.openAIRoleChunk)]
        var start = 0
        for cut in cuts + [event.count] {
            actions += [.send(Array(event[start..<cut])), .pause(.milliseconds(40))]
            start = cut
        }
        actions += [.text(Wire.openAIFinish + Wire.openAIDone), .end]
        let script = actions
        let sleeps = LockedBox<[Duration]>([])
        try await TestLLMServer.with({ _, _ in script }) { server in
            let outcome = await consume(try provider(server, sleeps: sleeps).stream(LLMRequest(messages: [.user("hi")])))
            #expect(outcome.error == nil)
            #expect(outcome.text == reply)
        }
    }

    @Test func keepAliveCommentsAreSkipped() async throws {
        let script: [ServerAction] = [
            .head(status: 200), .text(": keep-alive\n\n"), .pause(.milliseconds(30)), .text(Wire.openAIChunk("a")),
            .text(": ping\r\n\r\n"), .pause(.milliseconds(30)), .text(": OPENROUTER PROCESSING\n\n"),
            .text(Wire.openAIChunk("b")), .text(Wire.openAIDone), .end,
        ]
        let sleeps = LockedBox<[Duration]>([])
        try await TestLLMServer.with({ _, _ in script }) { server in
            let outcome = await consume(try provider(server, sleeps: sleeps).stream(LLMRequest(messages: [.user("hi")])))
            #expect(outcome.error == nil)
            #expect(outcome.deltas == ["a", "b"])
        }
    }

    @Test func errorObjectMidStreamEndsTheStreamWithoutRetry() async throws {
        let script: [ServerAction] = [
            .head(status: 200), .text(Wire.openAIChunk("Hel")), .pause(.milliseconds(20)),
            .text("data: {\"error\":{\"message\":\"The model is overloaded\",\"type\":\"server_error\",\"code\":null}}\n\n"),
            .end,
        ]
        let sleeps = LockedBox<[Duration]>([])
        try await TestLLMServer.with({ _, _ in script }) { server in
            let outcome = await consume(try provider(server, sleeps: sleeps).stream(LLMRequest(messages: [.user("hi")])))
            #expect(outcome.deltas == ["Hel"])
            let error = try #require(outcome.llmError)
            #expect(error.kind == .api)
            #expect(error.type == "server_error")
            #expect(error.message == "The model is overloaded")
            #expect(error.isRetryable)
            #expect(error.deliveredCharacters == 3)
            #expect(server.requests.count == 1)
        }
        #expect(sleeps.value.isEmpty)
    }

    @Test func errorEventBeforeAnyTextIsRetried() async throws {
        let sleeps = LockedBox<[Duration]>([])
        try await TestLLMServer.with({ number, _ in
            number == 0
                ? [.head(status: 200), .text("event: error\ndata: {\"error\":{\"message\":\"busy\",\"type\":\"server_error\"}}\n\n"), .end]
                : Wire.openAIStream(["fine"])
        }) { server in
            let outcome = await consume(try provider(server, sleeps: sleeps).stream(LLMRequest(messages: [.user("hi")])))
            #expect(outcome.error == nil)
            #expect(outcome.text == "fine")
            #expect(server.requests.count == 2)
        }
    }

    @Test func rateLimitedWithRetryAfterThenSuccess() async throws {
        let sleeps = LockedBox<[Duration]>([])
        try await TestLLMServer.with({ number, _ in
            number == 0
                ? ServerAction.json(
                    status: 429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}",
                    headers: [("retry-after", "2")])
                : Wire.openAIStream(["after", " the wait"])
        }) { server in
            let outcome = await consume(try provider(server, sleeps: sleeps).stream(LLMRequest(messages: [.user("hi")])))
            #expect(outcome.error == nil)
            #expect(outcome.text == "after the wait")
            #expect(server.requests.count == 2)
            #expect(server.requests.map(\.body) == [server.requests[0].body, server.requests[0].body])
        }
        #expect(sleeps.value == [.seconds(2)])
    }

    @Test func retryAfterMillisecondsHeader() async throws {
        let sleeps = LockedBox<[Duration]>([])
        try await TestLLMServer.with({ number, _ in
            number == 0
                ? ServerAction.json(status: 429, "{}", headers: [("retry-after-ms", "250"), ("retry-after", "1")])
                : Wire.openAIStream(["x"])
        }) { server in
            let outcome = await consume(try provider(server, sleeps: sleeps).stream(LLMRequest(messages: [.user("hi")])))
            #expect(outcome.text == "x")
        }
        #expect(sleeps.value == [.milliseconds(250)])
    }

    @Test func retryAfterLongerThanTheLimitGivesUp() async throws {
        let sleeps = LockedBox<[Duration]>([])
        try await TestLLMServer.with({ _, _ in
            ServerAction.json(status: 429, "{\"error\":{\"message\":\"quota\"}}", headers: [("retry-after", "3600")])
        }) { server in
            let outcome = await consume(try provider(server, sleeps: sleeps).stream(LLMRequest(messages: [.user("hi")])))
            let error = try #require(outcome.llmError)
            #expect(error.status == 429)
            #expect(error.message.contains("3600"))
            #expect(server.requests.count == 1)
        }
        #expect(sleeps.value.isEmpty)
    }

    @Test func serverErrorThenSuccessBacksOff() async throws {
        let sleeps = LockedBox<[Duration]>([])
        try await TestLLMServer.with({ number, _ in
            number < 2
                ? ServerAction.json(status: number == 0 ? 500 : 502, "{\"error\":{\"message\":\"oops\"}}") : Wire.openAIStream(["ok"])
        }) { server in
            let outcome = await consume(try provider(server, sleeps: sleeps).stream(LLMRequest(messages: [.user("hi")])))
            #expect(outcome.error == nil)
            #expect(outcome.text == "ok")
            #expect(server.requests.count == 3)
        }
        // 100 ms, then 200 ms (random() is 0.5, so the jitter factor is 1).
        #expect(sleeps.value == [.milliseconds(100), .milliseconds(200)])
    }

    @Test func givesUpAfterMaxAttemptsNamingProviderStatusAndMessage() async throws {
        let sleeps = LockedBox<[Duration]>([])
        try await TestLLMServer.with({ _, _ in
            ServerAction.json(status: 503, "{\"error\":{\"message\":\"Service Unavailable\",\"type\":\"server_error\"}}")
        }) { server in
            let outcome = await consume(try provider(server, sleeps: sleeps, maxAttempts: 3).stream(LLMRequest(messages: [.user("hi")])))
            let error = try #require(outcome.llmError)
            #expect(error.provider == "openai")
            #expect(error.status == 503)
            #expect(error.attempts == 3)
            #expect(error.description == "openai: HTTP 503 (server_error): Service Unavailable (gave up after 3 attempts)")
            #expect(server.requests.count == 3)
        }
        #expect(sleeps.value.count == 2)
    }

    @Test func clientErrorIsNotRetried() async throws {
        let sleeps = LockedBox<[Duration]>([])
        try await TestLLMServer.with({ _, _ in
            ServerAction.json(
                status: 404, "{\"error\":{\"message\":\"The model `nope` does not exist\",\"type\":\"invalid_request_error\"}}")
        }) { server in
            let outcome = await consume(try provider(server, sleeps: sleeps).stream(LLMRequest(messages: [.user("hi")])))
            let error = try #require(outcome.llmError)
            #expect(error.status == 404)
            #expect(!error.isRetryable)
            #expect(error.message == "The model `nope` does not exist")
            #expect(server.requests.count == 1)
        }
    }

    @Test func connectionDroppedAfterTextIsAnError() async throws {
        let sleeps = LockedBox<[Duration]>([])
        try await TestLLMServer.with({ _, _ in
            [.head(status: 200), .text(Wire.openAIChunk("await Say(")), .pause(.milliseconds(30)), .drop]
        }) { server in
            let outcome = await consume(try provider(server, sleeps: sleeps).stream(LLMRequest(messages: [.user("hi")])))
            #expect(outcome.deltas == ["await Say("])
            let error = try #require(outcome.llmError)
            #expect(error.kind == .connection)
            #expect(error.deliveredCharacters == 10)
            #expect(error.isRetryable)
            #expect(server.requests.count == 1)
        }
        #expect(sleeps.value.isEmpty)
    }

    @Test func connectionDroppedBeforeTextIsRetried() async throws {
        let sleeps = LockedBox<[Duration]>([])
        try await TestLLMServer.with({ number, _ in
            number == 0
                ? [.head(status: 200), .text(Wire.openAIRoleChunk + ": keep-alive\n\n"), .pause(.milliseconds(30)), .drop]
                : Wire.openAIStream(["second", " try"])
        }) { server in
            let outcome = await consume(try provider(server, sleeps: sleeps).stream(LLMRequest(messages: [.user("hi")])))
            #expect(outcome.error == nil)
            #expect(outcome.text == "second try")
            #expect(server.requests.count == 2)
        }
        #expect(sleeps.value == [.milliseconds(100)])
    }

    @Test func streamEndingWithoutDoneOrFinishReasonIsIncomplete() async throws {
        let sleeps = LockedBox<[Duration]>([])
        try await TestLLMServer.with({ _, _ in [.head(status: 200), .text(Wire.openAIChunk("half")), .end] }) { server in
            let outcome = await consume(try provider(server, sleeps: sleeps).stream(LLMRequest(messages: [.user("hi")])))
            #expect(outcome.deltas == ["half"])
            #expect(outcome.llmError?.kind == .connection)
        }
    }

    @Test func idleReadTimeoutBeforeTextIsRetried() async throws {
        let sleeps = LockedBox<[Duration]>([])
        try await TestLLMServer.with({ number, _ in
            number == 0 ? [.head(status: 200), .pause(.seconds(10)), .end] : Wire.openAIStream(["awake"])
        }) { server in
            // 3 s: long enough that the retry's prompt answer is not cut on a loaded 2-core machine
            // (1.5 s was), short enough to cut the first request's 10 s silence.
            let timeouts = HTTPProviderConfiguration.Timeouts(
                connect: .seconds(5), responseHead: .seconds(10), idleRead: .seconds(3))
            let outcome = await consume(
                try provider(server, sleeps: sleeps, timeouts: timeouts).stream(LLMRequest(messages: [.user("hi")])))
            #expect(outcome.error == nil)
            #expect(outcome.text == "awake")
            #expect(server.requests.count == 2)
        }
    }

    @Test func connectionRefusedGivesUpWithAConnectionError() async throws {
        let sleeps = LockedBox<[Duration]>([])
        // A port that was free a moment ago: bind and close a server to find one.
        let port = try await TestLLMServer.with({ _, _ in [] }) { server in server.port }
        let configuration = try httpConfiguration(
            provider: "openai", baseURL: "http://127.0.0.1:\(port)/v1", sleeps: sleeps, maxAttempts: 2,
            timeouts: .init(connect: .seconds(1), responseHead: .seconds(5), idleRead: .seconds(5)))
        let outcome = await consume(OpenAICompatibleProvider(configuration: configuration).stream(LLMRequest(messages: [.user("hi")])))
        let error = try #require(outcome.llmError)
        #expect(error.kind == .connection)
        #expect(error.attempts == 2)
        #expect(error.description.hasPrefix("openai: the request failed"))
    }

    @Test func apiKeyNeverAppearsInErrorsLogsOrDescriptions() async throws {
        let sleeps = LockedBox<[Duration]>([])
        let lines = LockedBox<[String]>([])
        try await TestLLMServer.with({ number, _ in
            number == 0
                ? ServerAction.json(status: 500, "{\"error\":{\"message\":\"internal error for key \(secretKey)\"}}")
                : ServerAction.json(
                    status: 401,
                    "{\"error\":{\"message\":\"Incorrect API key provided: \(secretKey.prefix(12))****\(secretKey.suffix(8)). Find your key at ...\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}"
                )
        }) { server in
            let provider = try provider(server, sleeps: sleeps, logger: capturingLogger(lines))
            let outcome = await consume(provider.stream(LLMRequest(messages: [.user("hi")])))
            let error = try #require(outcome.llmError)
            #expect(error.status == 401)
            #expect(server.requests.count == 2)
            #expect(server.requests[1].header("authorization") == "Bearer \(secretKey)")
            var dumped = ""
            dump(provider, to: &dumped)
            var dumpedConfiguration = ""
            dump(provider.configuration, to: &dumpedConfiguration)
            let texts =
                [
                    error.description, error.message, String(describing: error), String(reflecting: error),
                    provider.description, String(reflecting: provider), dumped, dumpedConfiguration,
                    provider.configuration.description, String(describing: provider.configuration.apiKey),
                ] + lines.value
            #expect(lines.value.count == 2)  // one retry notice, one failure
            for text in texts {
                #expect(!text.contains(secretKey), "\(text)")
                #expect(!text.contains(secretKey.prefix(12)), "\(text)")
                #expect(!text.contains(secretKey.suffix(8)), "\(text)")
            }
        }
    }
}
