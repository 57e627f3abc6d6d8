import Foundation
import Testing

@testable import PlaybooksLLM

@Suite struct ScriptedProviderTests {
    private func temporaryPath(_ name: String) -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("playbooks-llm-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent(name).path
    }

    @Test func parsesHeaderMarkersLabelsAndLineEnds() throws {
        let text = """
            Replies for the seed scenario.
            === not a marker ===
            === reply 1: the question ===
            await Step("Main:01:QUE")
            await Say("user", "What is your name?")
            === reply ===\u{20}\u{20}\u{20}
            # A Markdown heading
            ===

            === reply 3 ===
            last

            """
        let script = try ReplyScript(parsing: text)
        #expect(
            script.replies == [
                "await Step(\"Main:01:QUE\")\nawait Say(\"user\", \"What is your name?\")", "# A Markdown heading\n===\n", "last",
            ])
        #expect(try ReplyScript(parsing: text.replacingOccurrences(of: "\n", with: "\r\n")) == script)
        #expect(try ReplyScript(parsing: script.fileText) == script)
        #expect(try ReplyScript(parsing: "=== reply ===").replies == [""])
        #expect(try ReplyScript(parsing: "=== reply ===\na\n\n").replies == ["a\n"])
    }

    @Test func scriptWithoutMarkersIsAnError() {
        #expect(throws: LLMError.self) { try ReplyScript(parsing: "just text\n=== replying ===\n") }
        #expect(ReplyScript.isMarker("=== reply ==="))
        #expect(ReplyScript.isMarker("=== reply #2 ===  "))
        #expect(!ReplyScript.isMarker("=== reply==="))
        #expect(!ReplyScript.isMarker(" === reply ==="))
        #expect(!ReplyScript.isMarker("=== replay ==="))
    }

    @Test func streamsReplyByCallIndexInChunks() async throws {
        let provider = ScriptedProvider(script: ReplyScript(replies: ["first reply", "h\u{E9}\u{1F44B}\u{1F3FD}llo"]), chunkSize: 3)
        #expect(provider.name == "scripted")
        let second = await consume(provider.stream(LLMRequest(messages: [], callIndex: 1)))
        #expect(second.deltas == ["h\u{E9}\u{1F44B}\u{1F3FD}", "llo"])
        let first = await consume(provider.stream(LLMRequest(messages: [], callIndex: 0)))
        #expect(first.deltas == ["fir", "st ", "rep", "ly"])
        let again = await consume(provider.stream(LLMRequest(messages: [], callIndex: 0)))
        #expect(again.deltas == first.deltas)
        #expect(provider.requestedCallIndices == [1, 0, 0])
        #expect(ScriptedProvider.chunks(of: "", size: 4) == [])
        #expect(ScriptedProvider.chunks(of: "abcdef", size: 100) == ["abcdef"])
    }

    @Test func callIndexPastTheEndIsAnError() async throws {
        let provider = ScriptedProvider(script: ReplyScript(replies: ["a", "b"]))
        let outcome = await consume(provider.stream(LLMRequest(messages: [], callIndex: 2)))
        let error = try #require(outcome.llmError)
        #expect(error.kind == .script)
        #expect(error.description == "scripted: the script has 2 replies; reply 3 was requested (callIndex 2)")
        #expect(provider.requestedCallIndices == [2])
    }

    @Test func readsTheFileAndAppendsToTheRequestLog() async throws {
        let scriptPath = temporaryPath("replies.txt")
        let logPath = temporaryPath("requests.log")
        try "header\n=== reply ===\none\n=== reply ===\ntwo\n".write(toFile: scriptPath, atomically: true, encoding: .utf8)
        let provider = try ScriptedProvider(scriptPath: scriptPath, chunkSize: 2, requestLogPath: logPath)
        #expect(try await provider.complete(LLMRequest(messages: [], callIndex: 0)) == "one")
        #expect(try await provider.complete(LLMRequest(messages: [], callIndex: 1)) == "two")
        // A second process (here: a second provider) appends to the same log.
        let resumed = try ScriptedProvider(scriptPath: scriptPath, requestLogPath: logPath)
        #expect(try await resumed.complete(LLMRequest(messages: [], callIndex: 1)) == "two")
        #expect(try ScriptedProvider.readRequestLog(logPath) == [0, 1, 1])
        await #expect(throws: LLMError.self) { try await resumed.complete(LLMRequest(messages: [], callIndex: 5)) }
        #expect(try ScriptedProvider.readRequestLog(logPath) == [0, 1, 1, 5])
        #expect(resumed.description.contains("replies: 2"))
    }

    @Test func missingScriptFileIsAConfigurationError() {
        #expect(throws: LLMError.self) { try ScriptedProvider(scriptPath: "/nonexistent/replies.txt") }
    }

    @Test func chunkDelayStreamsTheSameChunks() async throws {
        let provider = ScriptedProvider(script: ReplyScript(replies: ["abcdefg"]), chunkSize: 3, chunkDelay: .milliseconds(5))
        let outcome = await consume(provider.stream(LLMRequest(messages: [], callIndex: 0)))
        #expect(outcome.deltas == ["abc", "def", "g"])
    }
}

@Suite struct ProviderFactoryTests {
    @Test func makesEachProvider() throws {
        let scriptPath = FileManager.default.temporaryDirectory.appendingPathComponent("factory-\(UUID().uuidString).txt").path
        try "=== reply ===\nhi\n".write(toFile: scriptPath, atomically: true, encoding: .utf8)
        let scripted = try makeProvider(
            provider: "scripted", model: nil, baseURL: nil, apiKeyEnv: nil, script: scriptPath, chunkSize: 4)
        #expect(scripted.name == "scripted")
        #expect((scripted as? ScriptedProvider)?.chunkSize == 4)

        let openai = try makeProvider(
            provider: "openai", model: "gpt-4o-mini", baseURL: nil, apiKeyEnv: "K", script: nil, chunkSize: nil,
            environment: ["K": secretKey])
        #expect(openai.name == "openai")
        #expect((openai as? OpenAICompatibleProvider)?.configuration.baseURL == "https://api.openai.com/v1")

        let local = try makeProvider(
            provider: "openai", model: "llama3.2", baseURL: "http://localhost:11434/v1/", apiKeyEnv: nil, script: nil,
            chunkSize: nil, environment: [:])
        #expect((local as? OpenAICompatibleProvider)?.configuration.baseURL == "http://localhost:11434/v1")
        #expect((local as? OpenAICompatibleProvider)?.configuration.apiKey == nil)

        let anthropic = try makeProvider(
            provider: "anthropic", model: "claude-sonnet-4-5", baseURL: nil, apiKeyEnv: nil, script: nil, chunkSize: nil,
            environment: ["ANTHROPIC_API_KEY": secretKey])
        #expect(anthropic.name == "anthropic")
        #expect((anthropic as? AnthropicProvider)?.endpoint == "https://api.anthropic.com/v1/messages")
        #expect(!String(describing: anthropic).contains(secretKey))
    }

    @Test func configurationErrorsNameWhatIsMissingButNeverTheKey() throws {
        func failure(_ body: () throws -> any LLMProvider) -> LLMError? {
            do {
                _ = try body()
                return nil
            } catch {
                return error as? LLMError
            }
        }
        #expect(
            failure { try makeProvider(provider: "gemini", model: nil, baseURL: nil, apiKeyEnv: nil, script: nil, chunkSize: nil) }?
                .message.contains("unknown provider 'gemini'") == true)
        #expect(
            failure { try makeProvider(provider: "scripted", model: nil, baseURL: nil, apiKeyEnv: nil, script: nil, chunkSize: nil) }?
                .kind == .configuration)
        #expect(
            failure {
                try makeProvider(provider: "scripted", model: nil, baseURL: nil, apiKeyEnv: nil, script: "x", chunkSize: 0)
            }?.message.contains("chunk_size") == true)
        #expect(
            failure {
                try makeProvider(
                    provider: "openai", model: nil, baseURL: nil, apiKeyEnv: nil, script: nil, chunkSize: nil, environment: [:])
            }?.message.contains("needs `model`") == true)
        let missingKey = failure {
            try makeProvider(
                provider: "openai", model: "m", baseURL: nil, apiKeyEnv: "MY_KEY", script: nil, chunkSize: nil, environment: [:])
        }
        #expect(missingKey?.description == "openai: the environment variable MY_KEY (api_key_env) is not set or empty")
        #expect(
            failure {
                try makeProvider(
                    provider: "anthropic", model: "m", baseURL: "ftp://example", apiKeyEnv: "K", script: nil, chunkSize: nil,
                    environment: ["K": secretKey])
            }?.message.contains("not an http") == true)
    }

    @Test func retryPolicyBackoffAndRetryAfterParsing() {
        let policy = RetryPolicy(
            maxAttempts: 5, initialBackoff: .milliseconds(500), multiplier: 2, maxBackoff: .seconds(3), jitter: 0.5,
            random: { 0.0 })
        #expect(policy.backoff(beforeRetry: 1) == .milliseconds(250))  // 500 ms * (1 - 0.5)
        #expect(policy.backoff(beforeRetry: 2) == .milliseconds(500))
        #expect(policy.backoff(beforeRetry: 5) == .milliseconds(1500))  // capped at 3 s, then * 0.5
        #expect(RetryPolicy.parseRetryAfter("7") == .seconds(7))
        #expect(RetryPolicy.parseRetryAfter(" 1.5 ") == .milliseconds(1500))
        let now = Date(timeIntervalSince1970: 1_445_412_480)  // Wed, 21 Oct 2015 07:28:00 GMT
        #expect(RetryPolicy.parseRetryAfter("Wed, 21 Oct 2015 07:28:30 GMT", now: now) == .seconds(30))
        #expect(RetryPolicy.parseRetryAfter("soon") == nil)
    }

    @Test func apiKeyRedaction() {
        let key = APIKey(secretKey)
        #expect("\(key)" == "<redacted>")
        #expect(String(reflecting: key) == "<redacted>")
        var dumped = ""
        dump(key, to: &dumped)
        #expect(!dumped.contains(secretKey))
        #expect(key.redact("a \(secretKey) b") == "a <redacted> b")
        #expect(key.redact("masked \(secretKey.prefix(10))***\(secretKey.suffix(4)).") == "masked <redacted>")
        #expect(key.redact("tail ***\(secretKey.suffix(8))") == "tail <redacted>")
        #expect(key.redact("nothing here") == "nothing here")
    }
}
