import Foundation
import PlaybooksDurability
import PlaybooksLanguage
import Testing

@testable import PlaybooksRuntime

/// Waiting for messages, pruning, misuse: what happens around a run besides crashes.
@Suite struct ExecutionLifecycleTests {
    static let greeter = """
        @playbook
        async def Main():
            await Say("user", "What is your name?")
            name = await WaitForMessage("user")
            $name = name
            await Say("user", f"Hello, {name}!")
            more = await Yield("user")
            return f"{name}/{more}"
        """

    @Test func waitingForAMessageSavesAndResumesInAnotherRunner() async throws {
        let store = MemoryCheckpointStore()
        let program = ExecutionRunnerTests.program(Self.greeter)
        let first = try await ExecutionRunner.start(program: program, store: store, options: RunnerOptions().with(failpoints: Failpoints()))
        #expect(try await first.run() == .waitingForMessage(source: "user"))
        #expect(try await store.loadExecution(first.id)?.status == .waiting)
        #expect(try await store.loadExecution(first.id)?.attributes["waiting_for"] == "user")
        first.close()

        let second = try await ExecutionRunner.resume(
            id: first.id, program: program, store: store, options: RunnerOptions(messages: ["Ada"]).with(failpoints: Failpoints()))
        var said: [String] = []
        second.onEvent = { if case .said(let m) = $0 { said.append(m.text) } }
        #expect(try await second.run() == .waitingForMessage(source: "user"))
        #expect(said == ["Hello, Ada!"])
        second.send("more")
        #expect(try await second.run() == .finished(ExecutionResult(value: .str("Ada/more"), repr: "'Ada/more'")))
        #expect(second.state.transcript.map(\.text) == ["What is your name?", "Hello, Ada!"])
        #expect(second.state.variables == [NamedValue(name: "name", value: "'Ada'")])
    }

    @Test func messagesGivenUpFrontNeverStop() async throws {
        let runner = try await ExecutionRunner.start(
            program: ExecutionRunnerTests.program(Self.greeter), store: MemoryCheckpointStore(),
            options: RunnerOptions(messages: ["Bo", "x"]).with(failpoints: Failpoints()))
        #expect(try await runner.run() == .finished(ExecutionResult(value: .str("Bo/x"), repr: "'Bo/x'")))
    }

    @Test func finishedExecutionIsNotResumable() async throws {
        let store = MemoryCheckpointStore()
        let program = ExecutionRunnerTests.program(Self.greeter)
        let runner = try await ExecutionRunner.start(
            program: program, store: store, options: RunnerOptions(messages: ["a", "b"]).with(failpoints: Failpoints()))
        _ = try await runner.run()
        runner.close()
        await #expect {
            _ = try await ExecutionRunner.resume(id: runner.id, program: program, store: store)
        } throws: { error in
            guard case ExecutionError.notResumable(let id, .finished) = error else { return false }
            return id == runner.id && "\(error)".contains("finished")
        }
    }

    @Test func changedProgramIsRefused() async throws {
        let store = MemoryCheckpointStore()
        let runner = try await ExecutionRunner.start(
            program: ExecutionRunnerTests.program(Self.greeter), store: store, options: RunnerOptions().with(failpoints: Failpoints()))
        _ = try await runner.run()
        runner.close()
        let changed = ExecutionRunnerTests.program(Self.greeter.replacingOccurrences(of: "Hello", with: "Hi"))
        await #expect {
            _ = try await ExecutionRunner.resume(id: runner.id, program: changed, store: store)
        } throws: { error in
            guard case ExecutionError.programChanged(let id, _) = error else { return false }
            return id == runner.id && "\(error)".contains("changed since the execution began")
        }
    }

    @Test func oneExecutionIsRunByOneRunnerAtATime() async throws {
        let directory = NSTemporaryDirectory() + "/playbooks-lock-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try SQLiteCheckpointStore(path: directory + "/state.db", durability: .process)
        let program = ExecutionRunnerTests.program(Self.greeter)
        let first = try await ExecutionRunner.start(program: program, store: store, options: RunnerOptions().with(failpoints: Failpoints()))
        _ = try await first.run()
        await #expect {
            _ = try await ExecutionRunner.resume(id: first.id, program: program, store: store, options: RunnerOptions(messages: ["x"]))
        } throws: { error in
            guard case ExecutionError.store(.locked(let id, _)) = error else { return false }
            return id == first.id
        }
        first.close()
        let second = try await ExecutionRunner.resume(
            id: first.id, program: program, store: store, options: RunnerOptions(messages: ["x", "y"]))
        #expect(try await second.run() == .finished(ExecutionResult(value: .str("x/y"), repr: "'x/y'")))
    }

    @Test func keepLastPrunesOldHistoryAndTheLastCheckpointsStayRestorable() async throws {
        let source = """
            @playbook
            async def Main():
                for i in range(40):
                    await Step(f"Main:01.{i:02d}:EXE")
                    $i = i
                return "done"
            """
        let store = MemoryCheckpointStore()
        let program = ExecutionRunnerTests.program(source)
        let runner = try await ExecutionRunner.start(
            program: program, store: store,
            options: RunnerOptions(policy: SnapshotPolicy(everyRecords: 5, keepLast: 6, journalFraction: 0)).with(failpoints: Failpoints()))
        #expect(try await runner.run() == .finished(ExecutionResult(value: .str("done"), repr: "'done'")))
        let manager = CheckpointManager(executionID: runner.id, store: store, program: program)
        let kept = try await manager.list().map(\.counter)
        #expect(kept.last == 40)
        #expect(kept.count >= 6 && kept.count <= 6 + 5 + 1, "kept \(kept)")
        #expect(try await store.snapshotSequences(runner.id).allSatisfy { $0 >= kept[0] })
        for n in (40 - 5)...40 {
            let checkpoint = try #require(try await manager.get(n))
            #expect(checkpoint.state?.variables == [NamedValue(name: "i", value: "\(n - 1)")])
            #expect(checkpoint.statement == "await Step(f\"Main:01.{i:02d}:EXE\")")
        }
        try await manager.prune(keepLast: 1)
        #expect(try await manager.list().count < kept.count)
        #expect(try await manager.latest()?.counter == 40)
    }

    @Test func replayThatMeetsADifferentAwaitSaysSo() async throws {
        // Two programs with the same hash cannot differ, so forge the case: a journal written by one
        // program, replayed by another with the first one's hash.
        let store = MemoryCheckpointStore()
        let original = ExecutionRunnerTests.program(Self.greeter)
        let runner = try await ExecutionRunner.start(
            program: original, store: store, options: RunnerOptions().with(failpoints: Failpoints()))
        _ = try await runner.run()
        runner.close()
        var other = ExecutionRunnerTests.program(
            Self.greeter.replacingOccurrences(of: "await Say(\"user\", \"What", with: "await Step(\"What"))
        other.hash = original.hash
        // Copy the journal without its snapshots, so the resume replays from the program text.
        let fresh = MemoryCheckpointStore()
        try await fresh.createExecution(try #require(try await store.loadExecution(runner.id)))
        try await fresh.append(try await store.readJournal(runner.id, from: 1).records, to: runner.id)
        await #expect {
            let again = try await ExecutionRunner.resume(
                id: runner.id, program: other, store: fresh, options: RunnerOptions(messages: ["x"]))
            _ = try await again.run()
        } throws: { error in
            guard case ExecutionError.diverged(_, 1, "Say", "Step") = error else { return false }
            return true
        }
    }

    @Test func checkpointCarriesTheSeedFields() async throws {
        let store = MemoryCheckpointStore()
        let program = ExecutionRunnerTests.program(SweepPrograms.seed)
        let runner = try await ExecutionRunner.start(
            program: program, store: store, options: RunnerOptions().with(failpoints: Failpoints()))
        _ = try await runner.run()
        let manager = CheckpointManager(executionID: runner.id, store: store, program: program)
        // Record 7 is FetchData's Step; the seed's ckpt_7 is inside Main:03 with x known.
        let c = try #require(try await manager.get(7))
        #expect(c.id == "\(runner.id)_ckpt_7")
        #expect(c.call == "Step" && c.arguments == ["'FetchData:01:EXE'"])
        #expect(c.statement == "await Step(\"FetchData:01:EXE\")")
        #expect(c.state?.callStackSummary == ["Main:03:ACT", "FetchData:01:EXE"])
        #expect(c.state?.variables == [NamedValue(name: "x", value: "42")])
        #expect(c.state?.callStack.first?.locals.contains(NamedValue(name: "x", value: "42")) == true)
        #expect(c.state?.agents == ["Agent"])
        #expect(c.llmResponse == nil)
        let coordinator = RecoveryCoordinator(store: store, program: program)
        #expect(try await coordinator.canRecover(runner.id) == false)  // it finished
    }
}
