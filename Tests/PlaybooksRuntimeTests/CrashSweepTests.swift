import PlaybooksDurability
import PlaybooksLanguage
import Testing

@testable import PlaybooksRuntime

/// Crashes every sweep program at every checkpoint with every failpoint, resumes, and checks
/// that the result, the final state and the transcript equal the uninterrupted run's — every
/// message exactly once — and that no message reached the user twice.
@Suite struct CrashSweepTests {
    struct Run: Equatable {
        var outcome: ExecutionOutcome
        var state: ExecutionState
        var records: Int
    }

    static func uninterrupted(_ program: ExecutionProgram, store: any CheckpointStore) async throws -> (Run, [String]) {
        let runner = try await ExecutionRunner.start(program: program, store: store, failpoints: Failpoints())
        var said: [String] = []
        runner.onEvent = { if case .said(let m) = $0 { said.append(m.text) } }
        let outcome = try await runner.run()
        let run = Run(outcome: outcome, state: runner.state, records: try await store.lastSequence(runner.id))
        runner.close()
        return (run, said)
    }

    /// Runs with `failpoints` (crashes simulated in-process), then resumes until the execution ends.
    static func crashed(
        _ program: ExecutionProgram, store: any CheckpointStore, failpoints: Failpoints, policy: SnapshotPolicy
    ) async throws -> (Run, [String], crashes: Int) {
        var said: [String] = []
        let first = try await ExecutionRunner.start(program: program, store: store, policy: policy, failpoints: failpoints)
        first.simulatesCrashes = true
        first.onEvent = { if case .said(let m) = $0 { said.append(m.text) } }
        let id = first.id
        var crashes = 0
        do {
            let outcome = try await first.run()
            first.close()
            return (Run(outcome: outcome, state: first.state, records: try await store.lastSequence(id)), said, 0)
        } catch ExecutionError.crashed {
            crashes += 1
            first.close()
        }
        let runner = try await ExecutionRunner.resume(id: id, program: program, store: store, policy: policy, failpoints: Failpoints())
        runner.onEvent = { if case .said(let m) = $0 { said.append(m.text) } }
        let outcome = try await runner.run()
        let run = Run(outcome: outcome, state: runner.state, records: try await store.lastSequence(id))
        runner.close()
        return (run, said, crashes)
    }

    @Test(arguments: SweepPrograms.all.map(\.name))
    func everyFailpointAtEveryCheckpoint(programName: String) async throws {
        let source = try #require(SweepPrograms.all.first { $0.name == programName }).source
        let program = ExecutionRunnerTests.program(source, name: programName)
        let store = MemoryCheckpointStore()
        let (expected, expectedSaid) = try await Self.uninterrupted(program, store: store)
        guard case .finished = expected.outcome else {
            Issue.record("\(programName) did not finish: \(expected.outcome)")
            return
        }
        #expect(expected.records >= 5)
        for policy in [SnapshotPolicy(everyRecords: 1), SnapshotPolicy(everyRecords: 4), SnapshotPolicy(everyRecords: 1000)] {
            for n in 1...expected.records {
                for point in [Failpoints.Point.crashBeforeCheckpoint, .crashAfterCheckpoint] {
                    let (run, said, crashes) = try await Self.crashed(
                        program, store: store, failpoints: Failpoints(entries: [point: [n]]), policy: policy)
                    let label = "\(programName) \(point.rawValue):\(n) every \(policy.everyRecords)"
                    #expect(crashes == 1, "\(label)")
                    #expect(run.outcome == expected.outcome, "\(label)")
                    #expect(run.state == expected.state, "\(label)")
                    #expect(run.records == expected.records, "\(label)")
                    // Messages reach the user at most once, in order; the durable transcript has each exactly once.
                    #expect(isSubsequence(said, of: expectedSaid), "\(label): \(said)")
                    if point == .crashBeforeCheckpoint { #expect(said == expectedSaid, "\(label)") }
                }
            }
        }
    }

    func isSubsequence(_ a: [String], of b: [String]) -> Bool {
        var i = b.startIndex
        for x in a {
            guard let j = b[i...].firstIndex(of: x) else { return false }
            i = j + 1
        }
        return true
    }
}
