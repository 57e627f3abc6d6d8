import Foundation
import PlaybooksDurability
import PlaybooksLLM
import PlaybooksLanguage
import Testing

@testable import PlaybooksRuntime

/// `ExecutionRunner.trace`: the requests it rebuilds from the journal are the requests the LLM was sent.
@Suite struct LLMTraceTests {
    static let program = """
        # Helper
        Helps.

        ## Main
        ### Steps
        - Work out the total
        - Return the total

        ## Greeter(name)
        ### Steps
        - Say hello to the name
        """

    static let replies = [
        "```python\nawait Step(\"Main:01:EXE\")\nreply = await Greeter(\"Ada\")\nraise ValueError(\"x\" * 100)\n```\n",
        "await Say(\"user\", \"Hello, Ada\")\nawait Return(\"greeted\")\n",
        "await Step(\"Main:02:EXE\")\nawait Return(reply)\n",
    ]

    @Test func theTraceHasTheRequestsTheLLMWasSent() async throws {
        let program = try ExecutionProgram(program: Program(parsing: Self.program, path: "helper.pb"))
        let llm = AgentLoopTests.RecordingLLM(Self.replies)
        var options = RunnerOptions(llm: llm).with(failpoints: Failpoints())
        // Not the default: the trace must replay with the settings the execution began with.
        options.agentLoop = AgentLoopSettings(maxShownCharacters: 40)
        let store = MemoryCheckpointStore()
        let runner = try await ExecutionRunner.start(program: program, store: store, options: options)
        let outcome = try await runner.run()
        #expect(outcome == .finished(ExecutionResult(value: .str("greeted"), repr: "'greeted'")))
        runner.close()

        let trace = try await ExecutionRunner.trace(id: runner.id, program: program, store: store)
        let sent = llm.requests.withLock { $0 }
        #expect(sent.map(\.callIndex) == [0, 1, 2])
        #expect(trace.calls.map(\.index) == [0, 1, 2])
        #expect(trace.calls.map(\.playbook) == ["Main", "Greeter", "Main"])
        for (call, request) in zip(trace.calls, sent) {
            let system = request.messages.filter { $0.role == .system }.map(\.content)
            #expect(call.systemPrompt.map { [trace.systemPrompts[$0]] } == system, "call \(call.index)")
            let others = request.messages.filter { $0.role != .system }.map {
                LLMTrace.TraceMessage(role: $0.role.rawValue, content: $0.content)
            }
            #expect(call.messages == others, "call \(call.index)")
        }
        #expect(trace.systemPrompts.count == 1)
        let failure = try #require(trace.calls.first?.errors.first)
        #expect(failure.type == "ValueError" && failure.statement == "raise ValueError(\"x\" * 100)" && failure.line == 4)
        #expect(failure.message == String(repeating: "x", count: 40) + "... [cut: 100 characters in all]")
        #expect(trace.calls[0].feedback == sent[2].messages.last?.content)
        #expect(trace.calls[0].feedback?.contains("Greeter('Ada') returned 'greeted'") == true)
        #expect(trace.calls.map(\.ending) == ["error", "returned", "returned"])
        #expect(trace.calls[1].statements.map(\.text) == ["await Say(\"user\", \"Hello, Ada\")", "await Return(\"greeted\")"])
        #expect(trace.transcript == [Message(sender: "Helper", target: "user", text: "Hello, Ada")])
    }

    /// A playbook that fails after replies that make no progress: its last reply's error is in the
    /// trace although no request followed it.
    @Test func theLastReplyOfAPlaybookThatFailedHasItsError() async throws {
        let program = try ExecutionProgram(program: Program(parsing: Self.program, path: "helper.pb"))
        let llm = AgentLoopTests.RecordingLLM(Array(repeating: "await Step(\"Main:01:EXE\")\nx = {}[\"missing\"]\n", count: 5))
        var options = RunnerOptions(llm: llm).with(failpoints: Failpoints())
        options.agentLoop = AgentLoopSettings(maxStalledReplies: 2)
        let store = MemoryCheckpointStore()
        let runner = try await ExecutionRunner.start(program: program, store: store, options: options)
        guard case .failed(let traceback) = try await runner.run() else {
            Issue.record("the playbook should fail")
            return
        }
        #expect(traceback.contains("made no progress in 2 LLM replies"), "\(traceback)")
        runner.close()
        let trace = try await ExecutionRunner.trace(id: runner.id, program: program, store: store)
        #expect(trace.calls.count == 2)
        #expect(trace.calls.map(\.ending) == ["error", "error"])
        #expect(trace.calls.map { $0.errors.map(\.message) } == [["'missing'"], ["'missing'"]])
        #expect(trace.calls.map { $0.feedback != nil } == [true, false], "nothing went back after the last reply")
        #expect(trace.text.contains("  failed at line 2: KeyError: 'missing'\n    x = {}[\"missing\"]\n  ending: error"), "\(trace.text)")
    }
}
