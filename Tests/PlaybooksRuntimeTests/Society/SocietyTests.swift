import Foundation
import PlaybooksDurability
import PlaybooksLLM
import PlaybooksLanguage
import Testing

@testable import PlaybooksRuntime

/// Several agents in one execution: calls of another agent's public playbooks, messages, the
/// scheduler's choices, and what an execution whose agents wait for each other reports.
@Suite struct SocietyTests {
    static func program(_ text: String, name: String = "society.pb") throws -> ExecutionProgram {
        try ExecutionProgram(program: Program(parsing: text, path: name))
    }

    static func run(_ program: ExecutionProgram, messages: [String] = []) async throws -> (ExecutionOutcome, ExecutionState, [Message]) {
        let runner = try await ExecutionRunner.start(
            program: program, store: MemoryCheckpointStore(), options: RunnerOptions(messages: messages).with(failpoints: Failpoints()))
        var said: [Message] = []
        runner.onEvent = { if case .said(let m) = $0 { said.append(m) } }
        let outcome = try await runner.run()
        return (outcome, runner.state, said)
    }

    /// The result of a finished execution; `nil` for any other outcome.
    static func finished(_ outcome: ExecutionOutcome) -> ExecutionResult? {
        if case .finished(let result) = outcome { return result }
        return nil
    }

    @Test func theBankExampleTalksBetweenItsTwoAgents() async throws {
        let (outcome, state, said) = try await Self.run(try Self.program(try SocietyPrograms.bank), messages: ["alice"])
        #expect(outcome == .finished(ExecutionResult(value: .int(120), repr: "120")))
        #expect(
            said.map { "\($0.sender) -> \($0.target): \($0.text)" } == [
                "Teller -> user: Welcome to the bank. Whose balance shall I look up?",
                "Teller -> Accountant: alice asked for their balance",
                "Accountant -> Teller: enquiry 1 noted",
                "Teller -> user: alice has 120 dollars (enquiry 1 noted).",
            ])
        #expect(state.transcript == said)
        #expect(state.agents == ["Teller", "Accountant"])
        let accountant = try #require(state.agentStates?.last)
        #expect(accountant.name == "Accountant")
        #expect(accountant.callStack.map(\.playbook) == ["Listen"])
        #expect(accountant.waitingFor == "waits for a message from Teller")
    }

    @Test func callsMessagesAndAFailedCallAcrossThreeAgents() async throws {
        let (outcome, state, said) = try await Self.run(try Self.program(SocietyPrograms.relay))
        let result = try #require(SocietyTests.finished(outcome), "\(outcome)")
        #expect(result.repr == "[14, '6', 3]")
        #expect(said.filter { $0.target == "user" }.map(\.text) == ["caught: no square for -1", "squares 14, counter says 6"])
        #expect(said.filter { $0.target == "Counter" }.map(\.text) == ["add 1", "add 2", "add 3", "report"])
        #expect(state.transcript == said)
    }

    @Test func theUserAnswersWhicheverAgentWaitsForThem() async throws {
        let program = try Self.program(try SocietyPrograms.bank)
        let store = MemoryCheckpointStore()
        let runner = try await ExecutionRunner.start(
            program: program, store: store, options: RunnerOptions().with(failpoints: Failpoints()))
        #expect(try await runner.run() == .waitingForMessage(source: "user"))
        runner.close()
        let resumed = try await ExecutionRunner.resume(
            id: runner.id, program: program, store: store, options: RunnerOptions(messages: ["bob"]).with(failpoints: Failpoints()))
        #expect(try await resumed.run() == .finished(ExecutionResult(value: .int(45), repr: "45")))
    }

    @Test func agentsThatWaitForEachOtherEndTheExecutionWithAClearError() async throws {
        let text = """
            # Host
            Waits for the guest.

            ```python
            @playbook
            async def Main():
                return await WaitForMessage("Guest")
            ```

            # Guest
            Waits for the host.

            ```python
            @playbook(triggers=["At the beginning"])
            async def Begin():
                await WaitForMessage("Host")
            ```
            """
        let (outcome, _, _) = try await Self.run(try Self.program(text))
        #expect(
            outcome
                == .failed(
                    traceback: "every agent waits and none can go on: Host waits for a message from Guest; "
                        + "Guest waits for a message from Host"))
    }

    @Test func onlyPublicPlaybooksOfAnotherAgentCanBeCalled() async throws {
        let text = """
            # Host
            Calls the guest.

            ```python
            @playbook
            async def Main():
                errors = []
                for call in [lambda: Guest.Secret(), lambda: Guest.Missing(), lambda: Nobody.Hello()]:
                    try:
                        await call()
                    except Exception as e:
                        errors.append(f"{type(e).__name__}: {e}")
                try:
                    await SendMessage("Nobody", "hi")
                except ValueError as e:
                    errors.append(str(e))
                errors.append(await Guest.Open())
                return errors
            ```

            # Guest
            Has one public playbook.

            ```python
            @playbook
            async def Secret():
                return 1


            @playbook(public=True)
            async def Open():
                return "open"
            ```
            """
        let (outcome, _, _) = try await Self.run(try Self.program(text))
        let result = try #require(SocietyTests.finished(outcome), "\(outcome)")
        #expect(
            result.repr
                == "[\"AttributeError: Guest.Secret is not public: other agents may call only playbooks marked `public: true` "
                + "(Guest's: Open)\", 'AttributeError: agent Guest has no playbook Missing', "
                + "\"NameError: name 'Nobody' is not defined\", \"no agent named 'Nobody'; the agents are Host, Guest, user\", 'open']")
    }

    @Test func aSocietySnapshotRoundTripsAndRejectsDamage() throws {
        var state = SocietyState(members: 2)
        state.inboxes[1].append(.init(sender: "A", target: "B", text: "hi"))
        state.requests[0].append(
            .init(id: 3, caller: 1, playbook: "P", arguments: [.int(1)], keywordArguments: [PortableEntry(.str("k"), .none)]))
        state.replies[2] = .error(type: "ValueError", message: "no")
        state.nextRequest = 4
        let bytes = SocietySnapshot.encode(state: state, agents: [[1, 2, 3], []])
        let (decoded, agents) = try SocietySnapshot.decode(bytes, members: 2)
        #expect(decoded == state)
        #expect(agents == [[1, 2, 3], []])
        #expect(throws: RecordFormatError.self) { try SocietySnapshot.decode(bytes, members: 3) }
        for cut in [5, bytes.count / 2, bytes.count - 1] {
            #expect(throws: RecordFormatError.self) { try SocietySnapshot.decode(Array(bytes.prefix(cut)), members: 2) }
        }
    }

    @Test func recordsOfTheMainAgentKeepTheirFormatAndOthersNameTheirAgent() throws {
        var record = AwaitRecord(
            kind: .completed, call: "Say", arguments: [.str("hi")], keywordArguments: [], outcome: .value(.none), line: 3,
            statement: .programLine, timestamp: 1)
        #expect(record.encoded().first == 2)
        record.agent = 2
        let bytes = record.encoded()
        #expect(bytes.first == 3)
        let decoded = try AwaitRecord(record: JournalRecord(sequence: 1, kind: 1, payload: bytes))
        #expect(decoded == record)
    }

    @Test func markdownAgentsAreToldOfEachOtherAndGetTheirOwnKeyedReplies() async throws {
        let program = try Self.program(try SocietyPrograms.example("concierge/concierge.pb"))
        #expect(
            program.peers == [
                ExecutionProgram.Peer(
                    name: "Chef", description: "Runs the hotel kitchen and knows the menu by heart.", publicPlaybooks: ["Suggest($cuisine)"]
                )
            ])
        let system = PromptBuilder.system(
            agent: program.agent, description: program.agentDescription, catalog: program.catalog,
            signatures: program.playbookSignatures, peers: program.peers)
        #expect(system.contains("# Other agents"))
        #expect(system.contains("- `await Chef.Suggest($cuisine)`"))
        let chef = try #require(program.otherAgents.first)
        #expect(chef.peers.map(\.name) == ["Concierge"])

        let script = try ReplyScript(parsing: try SocietyPrograms.example("concierge/replies.txt"))
        let runner = try await ExecutionRunner.start(
            program: program, store: MemoryCheckpointStore(),
            options: RunnerOptions(messages: ["Italian"], llm: ScriptedProvider(script: script)).with(failpoints: Failpoints()))
        #expect(try await runner.run() == .finished(ExecutionResult(value: .str("mushroom risotto"), repr: "'mushroom risotto'")))
        #expect(runner.state.transcript.map(\.text).last == "The Chef suggests the mushroom risotto.")
        #expect(runner.state.llmUsage?.calls == 3)
    }

    @Test func aMessageToAnIdleAgentRunsItsMessageTriggeredPlaybook() async throws {
        let text = SocietyPrograms.logger
        let program = try Self.program(text)
        #expect(
            program.otherAgents.map(\.messageTriggers) == [
                [MessageTrigger(playbook: "Log", text: "When you receive a message from Host", line: 20)!],
                [MessageTrigger(playbook: "Check", text: "When a message arrives", line: 37)!],
            ])
        let (outcome, _, _) = try await Self.run(program)
        let result = try #require(SocietyTests.finished(outcome), "\(outcome)")
        #expect(result.repr == "[['ALPHA', 'BETA', 'GAMMA'], 1]")
        #expect(MessageTrigger(playbook: "P", text: "When the user asks about an order", line: 1) == nil)
        #expect(MessageTrigger(playbook: "P", text: "T1:EVT When you receive a message from Chef", line: 1)?.sender == "Chef")
    }

    /// A fork of a society keeps the user's messages its agents had taken by the checkpoint, and no others.
    @Test func aForkOfASocietyKeepsTheUserMessagesTakenByItsCheckpoint() async throws {
        let program = try Self.program(try SocietyPrograms.bank)
        let store = MemoryCheckpointStore()
        let original = try await ExecutionRunner.start(
            program: program, store: store, options: RunnerOptions(messages: ["alice"]).with(failpoints: Failpoints()))
        #expect(try await original.run() == .finished(ExecutionResult(value: .int(120), repr: "120")))
        original.close()
        let records = try await store.readJournal(original.id, from: 1).records.map { try AwaitRecord(record: $0) }
        let taken =
            try #require(
                records.firstIndex {
                    $0.call == "__PBWait__" && $0.outcome == .value(.list([.str("message"), .str("alice"), .str("user"), .str("Teller")]))
                }
            ) + 1
        for n in 1...records.count {
            let copy = try await ExecutionRunner.fork(original.id, from: n, store: store)
            // The copy keeps the user's message exactly when its code had taken it (later messages go after it).
            let kept = try await store.loadExecution(copy)?.attributes["messages"]
            #expect(kept == (n >= taken ? "[\"alice\"]" : "[]"), "fork at \(n)")
            let runner = try await ExecutionRunner.resume(
                id: copy, program: program, store: store, options: RunnerOptions().with(failpoints: Failpoints()))
            let outcome = try await runner.run()
            runner.close()
            if n >= taken {
                #expect(outcome == .finished(ExecutionResult(value: .int(120), repr: "120")), "fork at \(n)")
            } else {
                #expect(outcome == .waitingForMessage(source: "user"), "fork at \(n)")
            }
        }
    }
}
