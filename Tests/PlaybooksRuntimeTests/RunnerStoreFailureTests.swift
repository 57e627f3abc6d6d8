import Foundation
import PlaybooksDurability
import Testing

@testable import PlaybooksRuntime

/// After a store error a runner is done: the write that failed may or may not be in the store, so
/// running on from the runner's memory could repeat or skip an await. Later calls throw the same
/// error and write nothing; a resume continues from what the store holds.
@Suite struct RunnerStoreFailureTests {
    static let program = ExecutionRunnerTests.program(
        """
        @playbook
        async def Main():
            for i in range(40):
                await Say("user", f"message {i}")
            return "done"
        """)

    @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6, 7, 8])
    func aStoreErrorEndsTheRunner(seed: UInt64) async throws {
        let store = SimulationTests.FaultyStore(seed: seed, rate: 0.1)
        let id = try ExecutionID(validating: "failing-\(seed)")
        let runner: ExecutionRunner
        do { runner = try await ExecutionRunner.start(program: Self.program, store: store, id: id) } catch {
            #expect(error.description.contains("execution \(id)"), "\(error)")
            return  // this seed failed before the execution existed
        }
        let first: ExecutionError
        do {
            let outcome = try await runner.run()
            Issue.record("seed \(seed): no fault before the end: \(outcome)")
            return
        } catch { first = error }
        #expect(first.description.contains("execution \(id)"), "\(first)")
        let written = try await store.inner.lastSequence(id)
        await #expect(throws: ExecutionError.self) { _ = try await runner.run() }
        do { _ = try await runner.run() } catch { #expect(error.description == first.description) }
        #expect(try await store.inner.lastSequence(id) == written, "the failed runner wrote on")
        runner.close()

        // A resume over the healthy store finishes, each message in the transcript once.
        let resumed = try await ExecutionRunner.resume(id: id, program: Self.program, store: store.inner)
        #expect(try await resumed.run() == .finished(ExecutionResult(value: .str("done"), repr: "'done'")))
        resumed.close()
        let transcript = try await ExecutionRunner.inspect(id: id, program: Self.program, store: store.inner).state.transcript
        #expect(transcript.map(\.text) == (0..<40).map { "message \($0)" })
    }
}
