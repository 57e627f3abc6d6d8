import Foundation
import PlaybooksDurability
import PlaybooksLLM
import PlaybooksLanguage
import Testing

@testable import PlaybooksRuntime

/// The example agents against a local model that writes each reply from the content of the
/// request (`ContentModel/content_model.py`, speaking the OpenAI and Anthropic streaming formats):
/// it books the user's city only if the user's answer is in the conversation, offers the flight
/// number only if the search result is, and corrects a failed statement only if the error and
/// the order's fields are shown. So these runs finish only if the runtime tells the model what
/// happened — and the control runs, with that turned off, must not.
@Suite(.serialized) struct ContentModelTests {
    /// The content model server, started once per test.
    final class Server {
        let process = Process()
        let port: Int
        let log: URL

        init() throws {
            let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .appendingPathComponent("ContentModel/content_model.py")
            let base = FileManager.default.temporaryDirectory.appendingPathComponent("content-model-\(UUID().uuidString)")
            log = base.appendingPathExtension("jsonl")
            let portFile = base.appendingPathExtension("port")
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", script.path, "--log", log.path, "--port-file", portFile.path]
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            var port: Int?
            for _ in 0..<300 where port == nil {
                if let text = try? String(contentsOf: portFile, encoding: .utf8) { port = Int(text) }
                if port == nil { usleep(20_000) }
                if !process.isRunning { break }
            }
            try? FileManager.default.removeItem(at: portFile)
            guard let port else {
                kill(process.processIdentifier, SIGKILL)
                throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "the content model did not start"])
            }
            self.port = port
        }

        deinit {
            // SIGKILL: children of the test process may inherit SIGTERM as ignored.
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            try? FileManager.default.removeItem(at: log)
        }

        var baseURL: String { "http://127.0.0.1:\(port)" }

        /// Every request body the server received, in order.
        func requests() throws -> [[String: Any]] {
            let text = try String(contentsOf: log, encoding: .utf8)
            return try text.split(separator: "\n").map {
                try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
            }
        }
    }

    static func example(_ name: String, _ file: String) throws -> ExecutionProgram {
        let path = LLMExample.source(name).appendingPathComponent(file).path
        return try ExecutionProgram(program: Program.load(path: path))
    }

    func run(
        _ program: ExecutionProgram, provider: String, server: Server, messages: [String], showsWhatHappened: Bool = true
    ) async throws -> (ExecutionOutcome, ExecutionRunner) {
        let configuration = try HTTPProviderConfiguration(
            provider: provider, baseURL: server.baseURL, model: "content-model", apiKeyEnv: "CONTENT_MODEL_KEY",
            environment: ["CONTENT_MODEL_KEY": "k"])
        let llm: any LLMProvider =
            provider == "anthropic"
            ? AnthropicProvider(configuration: configuration) : OpenAICompatibleProvider(configuration: configuration)
        var options = RunnerOptions(messages: messages, llm: llm).with(failpoints: Failpoints())
        options.agentLoop.showsWhatHappened = showsWhatHappened
        let runner = try await ExecutionRunner.start(program: program, store: MemoryCheckpointStore(), options: options)
        return (try await runner.run(), runner)
    }

    @Test(arguments: ["openai", "anthropic"])
    func travelAgentBooksTheCityTheUserNamed(provider: String) async throws {
        let server = try Server()
        let (outcome, runner) = try await run(
            Self.example("travel", "travel.pb"), provider: provider, server: server,
            messages: ["Hi! I'd like to fly to Madrid next week", "Yes, book it"])
        #expect(outcome == .finished(ExecutionResult(value: .str("BK-IB733"), repr: "'BK-IB733'")))
        #expect(
            runner.state.transcript.map(\.text) == [
                "Hello! Where would you like to fly?", "The cheapest flight is IB733. Shall I book it?",
                "Booked! Your reference is BK-IB733.",
            ])
        // The user's words reached the model verbatim, and so did the search result.
        let bodies = try server.requests().map { String(decoding: try JSONSerialization.data(withJSONObject: $0), as: UTF8.self) }
        #expect(bodies.contains { $0.contains("Hi! I'd like to fly to Madrid next week") })
        #expect(bodies.contains { $0.contains("SearchFlights('Madrid') returned [{'number': 'IB733'") })
    }

    @Test func withoutTheLogTheTravelAgentCannotDoItsJob() async throws {
        let server = try Server()
        let (outcome, runner) = try await run(
            Self.example("travel", "travel.pb"), provider: "openai", server: server,
            messages: ["Hi! I'd like to fly to Madrid next week", "Yes, book it"], showsWhatHappened: false)
        #expect(outcome != .finished(ExecutionResult(value: .str("BK-IB733"), repr: "'BK-IB733'")))
        #expect(!runner.state.transcript.contains { $0.text.contains("Booked") })
    }

    @Test(arguments: ["openai", "anthropic"])
    func supportAgentRefundsTheOrderTheCustomerNamedAfterCorrectingItself(provider: String) async throws {
        let server = try Server()
        let (outcome, runner) = try await run(
            Self.example("customer_support", "support.pb"), provider: provider, server: server,
            messages: ["Hello, my espresso machine arrived broken, order a-1042. Refund please?", "No, that's all"])
        #expect(outcome == .finished(ExecutionResult(value: .str("T-A1042"), repr: "'T-A1042'")))
        let said = runner.state.transcript.map(\.text)
        #expect(said.contains("Your refund of $189.5 is on its way (refund R-A1042-18950)."))
        #expect(said.last == "Thanks for contacting Acme Coffee Gear. Enjoy your coffee!")
        #expect(runner.state.artifacts.map(\.name) == ["ticket-T-A1042"])
    }

    @Test func withoutTheLogTheSupportAgentCannotDoItsJob() async throws {
        let server = try Server()
        let (outcome, runner) = try await run(
            Self.example("customer_support", "support.pb"), provider: "openai", server: server,
            messages: ["Hello, my espresso machine arrived broken, order a-1042. Refund please?", "No, that's all"],
            showsWhatHappened: false)
        #expect(outcome != .finished(ExecutionResult(value: .str("T-A1042"), repr: "'T-A1042'")))
        #expect(!runner.state.transcript.contains { $0.text.contains("refund of") })
    }
}
