import Foundation
import PlaybooksDurability
import Testing

@testable import PlaybooksRuntime

/// Messages given to an execution (at its start, on resume, or with `send`) are kept with it before
/// it runs on, and each is taken by the code exactly once, whatever crashes in between.
@Suite struct DurableMessagesTests {
    static let program = ExecutionRunnerTests.program(
        """
        @playbook
        async def Main():
            said = []
            for i in range(3):
                m = await WaitForMessage("user")
                await Say("user", f"got {m}")
                said.append(m)
            return "/".join(said)
        """)

    static func crashed(after sequence: Int, messages: [String], store: any CheckpointStore) async throws -> ExecutionID {
        let runner = try await ExecutionRunner.start(
            program: program, store: store,
            options: RunnerOptions(messages: messages).with(failpoints: Failpoints(entries: [.crashAfterCheckpoint: [sequence]])))
        runner.simulatesCrashes = true
        await #expect(throws: ExecutionError.self) { _ = try await runner.run() }
        runner.close()
        return runner.id
    }

    static func finish(
        _ id: ExecutionID, store: any CheckpointStore, messages: [String] = []
    ) async throws -> (
        ExecutionOutcome, [String]
    ) {
        let runner = try await ExecutionRunner.resume(
            id: id, program: program, store: store, options: RunnerOptions(messages: messages))
        var said: [String] = []
        runner.onEvent = { if case .said(let m) = $0 { said.append(m.text) } }
        return (try await runner.run(), said)
    }

    @Test(arguments: 1...5)
    func messagesGivenAtTheStartSurviveACrashAtEveryCheckpoint(crashAfter: Int) async throws {
        let store = MemoryCheckpointStore()
        let id = try await Self.crashed(after: crashAfter, messages: ["a", "b", "c"], store: store)
        let (outcome, said) = try await Self.finish(id, store: store)
        #expect(outcome == .finished(ExecutionResult(value: .str("a/b/c"), repr: "'a/b/c'")))
        let expected = ["got a", "got b", "got c"]
        #expect(said == Array(expected.suffix(said.count)), "said \(said)")
        #expect((try await ExecutionRunner.inspect(id: id, program: Self.program, store: store)).state.transcript.map(\.text) == expected)
    }

    @Test func messagesGivenOnResumeFollowThoseNotYetTaken() async throws {
        let store = MemoryCheckpointStore()
        let id = try await Self.crashed(after: 2, messages: ["a", "b"], store: store)
        let (outcome, _) = try await Self.finish(id, store: store, messages: ["c"])
        #expect(outcome == .finished(ExecutionResult(value: .str("a/b/c"), repr: "'a/b/c'")))
    }

    @Test func aMessageSentWhileWaitingIsKeptBeforeTheRunGoesOn() async throws {
        let store = MemoryCheckpointStore()
        let runner = try await ExecutionRunner.start(
            program: Self.program, store: store,
            options: RunnerOptions(messages: ["a"]).with(failpoints: Failpoints(entries: [.crashBeforeCheckpoint: [3]])))
        runner.simulatesCrashes = true
        #expect(try await runner.run() == .waitingForMessage(source: "user"))
        runner.send("b")
        // The run stops (a crash) before the wait that takes "b" is recorded.
        await #expect(throws: ExecutionError.self) { _ = try await runner.run() }
        runner.close()
        let info = try #require(try await store.loadExecution(runner.id))
        #expect(ExecutionRunner.messagesGiven(info) == ["a", "b"])
        let (outcome, said) = try await Self.finish(runner.id, store: store, messages: ["c"])
        #expect(outcome == .finished(ExecutionResult(value: .str("a/b/c"), repr: "'a/b/c'")))
        #expect(said == ["got b", "got c"])
    }
}
