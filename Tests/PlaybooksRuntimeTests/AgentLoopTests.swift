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

    /// The text of the runtime's answer to reply `n` (the last message of request `n + 1`).
    func feedback(_ llm: RecordingLLM, after n: Int) throws -> String {
        let requests = llm.requests.withLock { $0 }
        return try #require(requests.count > n + 1 ? requests[n + 1].messages.last?.content : nil, "no request \(n + 1)")
    }

    @Test func theNextRequestTellsWhatTheReplyDidStepByStep() async throws {
        let (outcome, llm, _) = try await run([
            "```python\nawait Step(\"Main:01:EXE\")\ndoubled = await Double(21)\n$total = doubled\nawait Say(\"user\", \"Working on it\")\n```\n",
            "```python\nawait Return($total)\n```",
        ])
        #expect(outcome == .finished(ExecutionResult(value: .int(42), repr: "42")))
        let text = try feedback(llm, after: 0)
        #expect(text.contains("- Step Main:01:EXE\n- Double(21) returned 42\n- You said to user: \"Working on it\""))
        #expect(text.contains("State variables changed: $total = 42"))
        #expect(text.contains("The playbook has not returned."))
        // The model's earlier reply is shown to it as code.
        let second = llm.requests.withLock { $0[1] }
        #expect(second.messages[second.messages.count - 2].content.hasPrefix("```python\nawait Step(\"Main:01:EXE\")"))
    }

    @Test func aMessageReceivedWhileWaitingReachesTheModelWordForWord() async throws {
        let program = try ExecutionProgram(program: Program(parsing: Self.program, path: "helper.pb"))
        let llm = RecordingLLM([
            "answer = await WaitForMessage(\"user\")\n",
            "await Return(answer)\n",
        ])
        let message = "Line one, with \"quotes\"\nand a second line"
        let runner = try await ExecutionRunner.start(
            program: program, store: MemoryCheckpointStore(),
            options: RunnerOptions(messages: [message], llm: llm).with(failpoints: Failpoints()))
        #expect(
            try await runner.run()
                == .finished(ExecutionResult(value: .str(message), repr: "'Line one, with \"quotes\"\\nand a second line'")))
        let text = try feedback(llm, after: 0)
        #expect(text.contains("- Message from user: \n    | Line one, with \"quotes\"\n    | and a second line"))
    }

    @Test func markdownParametersAreNamesAndStateVariablesOfTheReplysCode() async throws {
        let (outcome, llm, runner) = try await run([
            "await Step(\"Main:02:EXE\")\nname = \"outer\"\nreply = await Greeter(\"Ada\")\nawait Return([reply, name])\n",
            "await Say(\"user\", f\"Hello, {name} ({$name})\")\nawait Return(\"greeted\")\n",
        ])
        #expect(outcome == .finished(ExecutionResult(value: .list([.str("greeted"), .str("outer")]), repr: "['greeted', 'outer']")))
        #expect(runner.state.transcript.map(\.text) == ["Hello, Ada (Ada)"])
        // The parameter is gone from the state once the playbook returned.
        #expect(runner.state.variables.isEmpty)
        let greeter = llm.requests.withLock { $0[1] }
        #expect(greeter.messages[1].content.contains("Its parameters are variables your code can use (also as `$name`): name = 'Ada'."))
    }

    @Test func anUnknownStepIDIsAnErrorThatListsTheSteps() async throws {
        let (outcome, llm, _) = try await run([
            "await Step(\"Nonsense:99:XYZ\")\n",
            "await Step(\"Main:07:EXE\")\n",
            "await Step(\"Main:03:RET\")\nawait Return(1)\n",
        ])
        #expect(outcome == .finished(ExecutionResult(value: .int(1), repr: "1")))
        #expect(try feedback(llm, after: 0).contains("ValueError: unknown step id 'Nonsense:99:XYZ': there is no playbook Nonsense"))
        #expect(try feedback(llm, after: 1).contains("ValueError: unknown step id 'Main:07:EXE': the steps of Main are Main:01:"))
    }

    @Test func aCallWithoutAwaitIsRefusedBeforeItRuns() async throws {
        let (outcome, llm, runner) = try await run([
            "await Say(\"user\", \"first\")\nSay(\"user\", \"lost\")\n",
            "await Return(2)\n",
        ])
        #expect(outcome == .finished(ExecutionResult(value: .int(2), repr: "2")))
        #expect(runner.state.transcript.map(\.text) == ["first"])
        let text = try feedback(llm, after: 0)
        #expect(text.contains("RuntimeError: Say(...) at line 2 is called without await, so it would not run: write await Say(...)"))
    }

    @Test func anUnknownPlaybookIsAnErrorThatListsThePlaybooks() async throws {
        let (_, llm, _) = try await run(["x = await SearchFlights(\"Paris\")\n", "await Return(0)\n"])
        let text = try feedback(llm, after: 0)
        #expect(text.contains("NameError: name 'SearchFlights' is not defined"))
        #expect(
            text.contains(
                "SearchFlights is not a playbook or built-in of this agent. Playbooks you can call: Main, Greeter(name), Double(n)."))
    }

    @Test func aReplyWithoutCodeIsAnsweredWithTheContract() async throws {
        let (outcome, llm, _) = try await run([
            "I will now greet the user.\n```python\n```\n", "I will now greet the user.", "await Return(3)\n",
        ])
        #expect(outcome == .finished(ExecutionResult(value: .int(3), repr: "3")))
        let text = try feedback(llm, after: 0)
        #expect(text.hasPrefix("Your reply had no Python code, so nothing ran."))
        #expect(text.contains("Reply with Python code in one ```python block"))
        // Prose without a block is read as code: the syntax error says how to write the reply.
        let prose = try feedback(llm, after: 1)
        #expect(prose.contains("failed with SyntaxError"))
        #expect(prose.contains("If that line was meant as prose: a reply without a ```python block is read as code."))
    }

    @Test func repliesThatMakeNoProgressEndThePlaybookAfterThreeInARow() async throws {
        let (outcome, llm, _) = try await run(Array(repeating: "x = undefined_thing\n", count: 10))
        guard case .failed(let traceback) = outcome else {
            Issue.record("expected a failure, got \(outcome)")
            return
        }
        #expect(
            traceback.contains(
                "RuntimeError: playbook Main made no progress in 3 LLM replies in a row (the same error: NameError: name 'undefined_thing' is not defined)"
            ))
        #expect(llm.requests.withLock { $0.count } == 3)
    }

    /// A provider that refuses every request (an endpoint that is down).
    final class DownLLM: LLMProvider, Sendable {
        let name = "down"
        let attempts = Mutex(0)
        func stream(_ request: LLMRequest) -> AsyncThrowingStream<String, any Error> {
            attempts.withLock { $0 += 1 }
            return AsyncThrowingStream { $0.finish(throwing: LLMError(provider: "down", kind: .connection, message: "connection refused")) }
        }
    }

    @Test func anUnreachableLLMLeavesTheExecutionResumableNotFailed() async throws {
        let program = try ExecutionProgram(program: Program(parsing: Self.program, path: "helper.pb"))
        let store = MemoryCheckpointStore()
        let replies = [
            "await Say(\"user\", \"before\")\nanswer = await WaitForMessage(\"user\")\n",
            "await Say(\"user\", f\"after {answer}\")\nawait Return(1)\n",
        ]
        // The first reply arrives and waits for the user; then the endpoint goes down.
        let first = try await ExecutionRunner.start(
            program: program, store: store, options: RunnerOptions(llm: RecordingLLM(replies)).with(failpoints: Failpoints()))
        #expect(try await first.run() == .waitingForMessage(source: "user"))
        let id = first.id
        first.close()
        let down = DownLLM()
        let interrupted = try await ExecutionRunner.resume(
            id: id, program: program, store: store,
            options: RunnerOptions(messages: ["hi"], llm: down).with(failpoints: Failpoints()))
        do {
            _ = try await interrupted.run()
            Issue.record("the run went on after the LLM failed")
        } catch {
            #expect("\(error)".contains("the LLM failed"))
            #expect("\(error)".contains("can be resumed once the LLM is reachable"))
        }
        #expect(down.attempts.withLock { $0 } >= 1)
        interrupted.close()
        let info = try #require(try await store.loadExecution(id))
        #expect(info.status == .running)
        // Back up: the resume asks again and finishes, nothing said twice.
        let again = try await ExecutionRunner.resume(
            id: id, program: program, store: store, options: RunnerOptions(llm: RecordingLLM(replies)).with(failpoints: Failpoints()))
        #expect(try await again.run() == .finished(ExecutionResult(value: .int(1), repr: "1")))
        #expect(again.state.transcript.map(\.text) == ["before", "after hi"])
    }

    static let modesProgram = """
        # Writer
        Writes.

        ## Main
        ### Triggers
        - At the beginning
        ### Steps
        - Summarize the text and return the summary

        ## Summarize($text)
        execution_mode: raw
        Summarize the text in one line.

        ## Explore($topic)
        Find out what is known about the topic and return it.
        """

    @Test func aRawPlaybooksWholeReplyIsItsResultAndAReactPlaybookIsToldToLoop() async throws {
        let program = try ExecutionProgram(program: Program(parsing: Self.modesProgram, path: "writer.pb"))
        let llm = RecordingLLM([
            "s = await Summarize(\"a long text\")\ne = await Explore(\"cats\")\nawait Return([s, e])\n",
            "A one-line summary: x = 1 is not code here.",
            "await Return(\"cats purr\")\n",
        ])
        let store = MemoryCheckpointStore()
        let runner = try await ExecutionRunner.start(
            program: program, store: store, options: RunnerOptions(llm: llm).with(failpoints: Failpoints()))
        let expected = ExecutionOutcome.finished(
            ExecutionResult(
                value: .list([.str("A one-line summary: x = 1 is not code here."), .str("cats purr")]),
                repr: "['A one-line summary: x = 1 is not code here.', 'cats purr']"))
        #expect(try await runner.run() == expected)
        let requests = llm.requests.withLock { $0 }
        #expect(requests.count == 3)
        #expect(requests[1].messages[1].content.contains("Reply with text only, no code: your whole reply is the playbook's result."))
        #expect(requests[2].messages[1].content.contains("It has no steps: its description is the task. Work in a loop"))
    }

    @Test func placeholdersOfStateVariablesAndParametersAreRenderedInTheCall() {
        let text = PromptBuilder.renderPlaceholders(
            "Greet {$name} from {city} ({count} visits); {len($items)} and {unknown} stay; {",
            values: [
                NamedValue(name: "name", value: "'Ada'"), NamedValue(name: "city", value: "'Paris'"),
                NamedValue(name: "count", value: "3"),
            ])
        #expect(text == "Greet Ada from Paris (3 visits); {len($items)} and {unknown} stay; {")
    }

    @Test func aLongConversationLeavesOutItsOldestExchangesWithAMarker() async throws {
        let program = try ExecutionProgram(program: Program(parsing: Self.program, path: "helper.pb"))
        // Eight replies of ~400 characters that do not return, then one that does.
        let filler = String(repeating: "x", count: 400)
        let replies = (0..<8).map { "s\($0) = '\(filler)'\nn\($0) = \($0)\n" } + ["await Return(n7)\n"]
        let llm = RecordingLLM(replies)
        var options = RunnerOptions(llm: llm).with(failpoints: Failpoints())
        options.agentLoop.maxContextCharacters = 5_000
        let runner = try await ExecutionRunner.start(program: program, store: MemoryCheckpointStore(), options: options)
        #expect(try await runner.run() == .finished(ExecutionResult(value: .int(7), repr: "7")))
        let requests = llm.requests.withLock { $0 }
        #expect(requests.count == 9)
        let last = try #require(requests.last)
        #expect(last.messages.reduce(0) { $0 + $1.content.count } <= 5_000)
        #expect(last.messages[1].content.contains("earlier exchanges of this playbook call (your reply and what it did) left out"))
        // The latest exchange is kept; the roles still alternate after the call.
        #expect(last.messages[last.messages.count - 2].content.contains("n7 = 7"))
        #expect(last.messages.dropFirst(2).enumerated().allSatisfy { $0.element.role == ($0.offset % 2 == 0 ? .assistant : .user) })
        // Early requests are whole.
        #expect(!requests[2].messages[1].content.contains("left out"))
    }

    @Test func aRawPlaybookCallIsRefusedOnceTheCallBudgetIsSpent() async throws {
        let program = try ExecutionProgram(program: Program(parsing: Self.modesProgram, path: "writer.pb"))
        let llm = RecordingLLM(["s = await Summarize(\"a long text\")\nawait Return(s)\n", "never asked"])
        var options = RunnerOptions(llm: llm).with(failpoints: Failpoints())
        options.llmBudget = LLMBudget(maxCalls: 1)
        let runner = try await ExecutionRunner.start(program: program, store: MemoryCheckpointStore(), options: options)
        guard case .failed(let traceback) = try await runner.run() else {
            Issue.record("the raw call went past the budget")
            return
        }
        #expect(traceback.contains("LLM budget exceeded"))
        #expect(llm.requests.withLock { $0.count } == 1)
    }
}
