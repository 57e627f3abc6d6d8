import Foundation
import PlaybooksDurability
import PlaybooksLLM
import PlaybooksLanguage
import Synchronization
import Testing

@testable import PlaybooksRuntime

/// The prompts the examples send, compared with reviewed copies in `Prompts/`: the system prompt,
/// a first call, a call after a wait (the user's message in the log), a call after an error, and
/// a nested playbook's first call. A change to the prompts shows up as a diff of these files;
/// regenerate them with `PLAYBOOKS_UPDATE_GOLDEN=1 swift test --filter PromptGoldenTests` and review.
@Suite struct PromptGoldenTests {
    /// Forwards to the example's scripted replies and keeps every request.
    final class Recording: LLMProvider, Sendable {
        let name = "recording"
        let inner: ScriptedProvider
        let requests = Mutex<[LLMRequest]>([])
        init(_ inner: ScriptedProvider) { self.inner = inner }
        func stream(_ request: LLMRequest) -> AsyncThrowingStream<String, any Error> {
            requests.withLock { $0.append(request) }
            return inner.stream(request)
        }
    }

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Prompts")

    /// The requests of one whole run of `Examples/NAME/FILE` with its scripted replies.
    static func requests(_ name: String, _ file: String, messages: [String]) async throws -> [LLMRequest] {
        let folder = LLMExample.source(name)
        let program = try ExecutionProgram(program: Program.load(path: folder.appendingPathComponent(file).path))
        let llm = Recording(try ScriptedProvider(scriptPath: folder.appendingPathComponent("replies.txt").path, chunkSize: 5))
        let runner = try await ExecutionRunner.start(
            program: program, store: MemoryCheckpointStore(),
            options: RunnerOptions(messages: messages, llm: llm).with(failpoints: Failpoints()))
        guard case .finished = try await runner.run() else {
            Issue.record("the example did not finish")
            return []
        }
        return llm.requests.withLock { $0 }
    }

    /// Compares `text` with `Prompts/NAME` (or writes it there when updating).
    static func expectGolden(_ text: String, _ name: String) throws {
        let url = directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["PLAYBOOKS_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try #require(
            try? String(contentsOf: url, encoding: .utf8), "Prompts/\(name) is missing: run with PLAYBOOKS_UPDATE_GOLDEN=1")
        #expect(text == expected, "Prompts/\(name) differs")
    }

    /// A request as a reviewer reads it: each message with its role.
    static func render(_ request: LLMRequest, from first: Int = 0) -> String {
        request.messages[first...].map { "=== \($0.role.rawValue)\n\($0.content)" }.joined(separator: "\n")
            + (request.messages[first...].last?.content.hasSuffix("\n") == true ? "" : "\n")
    }

    @Test func customerSupportPrompts() async throws {
        let requests = try await Self.requests(
            "customer_support", "support.pb",
            messages: ["Hi, I'd like a refund for order A-1042, the machine leaks.", "No, that's all, thanks!"])
        try #require(requests.count == 5)
        try Self.expectGolden(requests[0].messages[0].content, "support-system.txt")
        // The first call of Main; the call after the wait (the log holds the customer's message);
        // HandleRefund's own first call; the call after HandleRefund's KeyError.
        try Self.expectGolden(Self.render(requests[0], from: 1), "support-call0-first.txt")
        try Self.expectGolden(Self.render(requests[1], from: 1), "support-call1-after-wait.txt")
        try Self.expectGolden(Self.render(requests[2], from: 1), "support-call2-nested-first.txt")
        try Self.expectGolden(Self.render(requests[3], from: 1), "support-call3-after-error.txt")
        // The system prompt is the same for every call (providers cache it as a prefix).
        #expect(Set(requests.map { $0.messages[0].content }).count == 1)
    }

    @Test func travelPrompts() async throws {
        let requests = try await Self.requests(
            "travel", "travel.pb", messages: ["I want to go to Lisbon", "Yes please"])
        try #require(requests.count == 4)
        try Self.expectGolden(requests[0].messages[0].content, "travel-system.txt")
        try Self.expectGolden(Self.render(requests[3], from: 1), "travel-call3-whole-conversation.txt")
    }
}
