import Foundation
import PlaybooksDurability
import PlaybooksLLM
import PlaybooksLanguage
import Synchronization
import Testing

@testable import PlaybooksRuntime

/// The agent loop of Markdown playbooks: prompts, statements run as they stream in, errors sent
/// back to the LLM, a conversation per playbook frame.
@Suite struct AgentLoopTests {
    /// Answers from a list of replies (by call index) and keeps every request it was sent.
    final class RecordingLLM: LLMProvider, Sendable {
        let name = "recording"
        let replies: [String]
        let requests = Mutex<[LLMRequest]>([])
        init(_ replies: [String]) { self.replies = replies }

        func stream(_ request: LLMRequest) -> AsyncThrowingStream<String, any Error> {
            requests.withLock { $0.append(request) }
            let reply = request.callIndex < replies.count ? replies[request.callIndex] : "await Return('out of replies')"
            return AsyncThrowingStream { continuation in
                for chunk in ScriptedProvider.chunks(of: reply, size: 3) { continuation.yield(chunk) }
                continuation.finish()
            }
        }
    }

    static let program = """
        # Helper
        Helps.

        ## Main
        ### Triggers
        - At the beginning
        ### Steps
        - Work out the total
        - Ask Greeter to greet the user
        - Return the total

        ## Greeter(name)
        ### Steps
        - Say hello to the name

        ```python
        @playbook
        async def Double(n):
            return n * 2
        ```
        """

    func run(_ replies: [String]) async throws -> (ExecutionOutcome, RecordingLLM, ExecutionRunner) {
        let program = try ExecutionProgram(program: Program(parsing: Self.program, path: "helper.pb"))
        let llm = RecordingLLM(replies)
        let runner = try await ExecutionRunner.start(
            program: program, store: MemoryCheckpointStore(), options: RunnerOptions(llm: llm).with(failpoints: Failpoints()))
        return (try await runner.run(), llm, runner)
    }

    @Test func failedStatementGoesBackToTheLLMAndTheRestOfThatResponseDoesNotRun() async throws {
        let (outcome, llm, runner) = try await run([
            "Let me start.\n```python\nawait Step(\"Main:01:EXE\")\ntotal = await Double(21) / 0\nawait Say(\"user\", \"never\")\n```\n",
            "```python\ntotal = await Double(21)\nawait Say(\"user\", f\"total {total}\")\nawait Return(total)\n```",
        ])
        #expect(outcome == .finished(ExecutionResult(value: .int(42), repr: "42")))
        #expect(runner.state.transcript.map(\.text) == ["total 42"])
        let second = try #require(llm.requests.withLock { $0.count > 1 ? $0[1] : nil })
        let feedback = try #require(second.messages.last?.content)
        #expect(feedback.contains("ZeroDivisionError: division by zero"))
        #expect(feedback.contains("total = await Double(21) / 0"))
        #expect(second.messages.first?.role == .system)
        #expect(second.messages[1].content.contains("Main:01:EXE Work out the total"))
    }

    @Test func eachPlaybookFrameHasItsOwnConversation() async throws {
        let (outcome, llm, runner) = try await run([
            "await Step(\"Main:02:EXE\")\nreply = await Greeter(\"Ada\")\nawait Return(reply)\n",
            "await Say(\"user\", \"Hello, Ada\")\nawait Return(\"greeted\")\n",
        ])
        #expect(outcome == .finished(ExecutionResult(value: .str("greeted"), repr: "'greeted'")))
        #expect(runner.state.transcript.map(\.text) == ["Hello, Ada"])
        let requests = llm.requests.withLock { $0 }
        #expect(requests.count == 2)
        // The nested playbook's conversation starts fresh: its own prompt, not Main's.
        #expect(requests[1].messages.count == 2)
        #expect(requests[1].messages[1].content.hasPrefix("Run the playbook Greeter('Ada')"))
        #expect(requests[1].messages[1].content.contains("Call stack: Main:02:EXE > Greeter"))
    }

    @Test func playbookThatNeverReturnsIsStoppedWithAClearError() async throws {
        let (outcome, llm, _) = try await run(Array(repeating: "await Step(\"Main:01:EXE\")\n", count: 30))
        guard case .failed(let traceback) = outcome else {
            Issue.record("expected a failure, got \(outcome)")
            return
        }
        #expect(traceback.contains("RuntimeError: playbook Main did not return after 20 LLM calls"))
        #expect(llm.requests.withLock { $0.count } == 20)
    }

    @Test func markdownPlaybookWithoutAnLLMSaysWhatIsMissing() async throws {
        let program = try ExecutionProgram(program: Program(parsing: Self.program, path: "helper.pb"))
        let runner = try await ExecutionRunner.start(
            program: program, store: MemoryCheckpointStore(), options: RunnerOptions().with(failpoints: Failpoints()))
        guard case .failed(let traceback) = try await runner.run() else {
            Issue.record("expected a failure")
            return
        }
        #expect(traceback.contains("playbook Main is a Markdown playbook: running it needs an LLM"))
    }
}
