import PlaybooksDurability
import PlaybooksLanguage
import Synchronization
import Testing

@testable import PlaybooksRuntime

/// External functions: a finished call never runs again; a call in flight at a crash is retried
/// with the same idempotency key (at-least-once) or fails into the code (at-most-once).
@Suite struct ExternalCallTests {
    final class CallLog: Sendable {
        let keys = Mutex<[String]>([])
        func record(_ key: String) { keys.withLock { $0.append(key) } }
        var all: [String] { keys.withLock { $0 } }
    }

    static let source = """
        @playbook
        async def Main():
            await Say("user", "before")
            try:
                receipt = await Charge(30, currency="EUR")
                await Say("user", f"charged: {receipt}")
            except RuntimeError as e:
                await Say("user", f"unsure: {e}")
            await Say("user", "after")
            return "ok"
        """

    static func charge(_ delivery: DeliveryGuarantee, log: CallLog) -> ExternalFunction {
        ExternalFunction(name: "Charge", delivery: delivery) { call in
            log.record(call.idempotencyKey)
            guard call.arguments == [.int(30)], call.keywordArguments.first?.value == .str("EUR") else {
                throw ExternalFunctionError(type: "ValueError", message: "bad arguments")
            }
            return .dict([PortableEntry(.str("amount"), .int(30)), PortableEntry(.str("key"), .str(call.idempotencyKey))])
        }
    }

    /// Runs until the failpoint at `sequence` stops it, then resumes to the end.
    func crashAndResume(
        _ delivery: DeliveryGuarantee, point: Failpoints.Point, at sequence: Int, log: CallLog
    ) async throws -> ExecutionState {
        let store = MemoryCheckpointStore()
        let program = ExecutionRunnerTests.program(Self.source)
        let first = try await ExecutionRunner.start(
            program: program, store: store,
            options: RunnerOptions(externals: [Self.charge(delivery, log: log)]).with(failpoints: Failpoints(entries: [point: [sequence]])))
        first.simulatesCrashes = true
        await #expect(throws: ExecutionError.self) { _ = try await first.run() }
        first.close()
        let second = try await ExecutionRunner.resume(
            id: first.id, program: program, store: store,
            options: RunnerOptions(externals: [Self.charge(delivery, log: log)]).with(failpoints: Failpoints()))
        #expect(try await second.run() == .finished(ExecutionResult(value: .str("ok"), repr: "'ok'")))
        return second.state
    }

    @Test func finishedCallIsNeverRepeated() async throws {
        let log = CallLog()
        // Record 2 is the call's result; crash right after it is durable.
        let state = try await crashAndResume(.atLeastOnce, point: .crashAfterCheckpoint, at: 2, log: log)
        #expect(log.all.count == 1)
        #expect(state.transcript.map(\.text)[1].hasPrefix("charged: {'amount': 30, 'key': "))
    }

    @Test func inFlightAtLeastOnceCallIsRetriedWithTheSameKey() async throws {
        let log = CallLog()
        // The call ran, its record was not written: the resume calls again with the same key.
        let state = try await crashAndResume(.atLeastOnce, point: .crashBeforeCheckpoint, at: 2, log: log)
        #expect(log.all.count == 2)
        #expect(Set(log.all).count == 1)
        #expect(state.transcript.map(\.text) == ["before", "charged: {'amount': 30, 'key': '\(log.all[0])'}", "after"])
    }

    @Test func inFlightAtMostOnceCallFailsIntoTheCode() async throws {
        let log = CallLog()
        // Record 2 says the call started; record 3 (its outcome) never got written.
        let state = try await crashAndResume(.atMostOnce, point: .crashBeforeCheckpoint, at: 3, log: log)
        #expect(log.all.count == 1)
        let texts = state.transcript.map(\.text)
        #expect(texts.count == 3)
        #expect(texts[1].hasPrefix("unsure: Charge was in flight when the process stopped"))
        #expect(texts[1].contains("may or may not have happened"))
    }

    @Test func atMostOnceCallThatFinishedIsNotTouched() async throws {
        let log = CallLog()
        let state = try await crashAndResume(.atMostOnce, point: .crashAfterCheckpoint, at: 3, log: log)
        #expect(log.all.count == 1)
        #expect(state.transcript.map(\.text)[1].hasPrefix("charged: "))
    }

    @Test func errorsFromExternalFunctionsAreJournaledAndRaised() async throws {
        let store = MemoryCheckpointStore()
        let source = """
            @playbook
            async def Main():
                try:
                    await Lookup("x")
                except KeyError as e:
                    await Say("user", f"missing {e}")
                return 1
            """
        let lookup = ExternalFunction(name: "Lookup") { _ in throw ExternalFunctionError(type: "KeyError", message: "x") }
        let runner = try await ExecutionRunner.start(
            program: ExecutionRunnerTests.program(source), store: store,
            options: RunnerOptions(externals: [lookup]).with(failpoints: Failpoints()))
        #expect(try await runner.run() == .finished(ExecutionResult(value: .int(1), repr: "1")))
        #expect(runner.state.transcript.map(\.text) == ["missing 'x'"])
        let checkpoints = try await CheckpointManager(
            executionID: runner.id, store: store, program: ExecutionRunnerTests.program(source)
        ).list()
        #expect(checkpoints.map(\.result) == ["KeyError: x", "None"])
    }
}
