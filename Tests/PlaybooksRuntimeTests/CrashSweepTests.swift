import Foundation
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
        let runner = try await ExecutionRunner.start(
            program: program, store: store, options: RunnerOptions().with(failpoints: Failpoints()))
        var said: [String] = []
        runner.onEvent = { if case .said(let m) = $0 { said.append(m.text) } }
        let outcome = try await runner.run()
        let run = Run(outcome: outcome, state: runner.state, records: try await store.lastSequence(runner.id))
        runner.close()
        return (run, said)
    }

    /// Runs with `failpoints` (crashes simulated in-process), then resumes until the execution ends.
    /// `reopen` gives the store as a new process would open it.
    static func crashed(
        _ program: ExecutionProgram, store: any CheckpointStore, reopen: () throws -> any CheckpointStore,
        failpoints: Failpoints, policy: SnapshotPolicy
    ) async throws -> (Run, [String], crashes: Int) {
        var said: [String] = []
        let first = try await ExecutionRunner.start(
            program: program, store: store, options: RunnerOptions(policy: policy).with(failpoints: failpoints))
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
        } catch ExecutionError.store(.unavailable(let message)) where message.contains("failpoint") {
            // A torn write: the store wrote half of the record and "crashed".
            crashes += 1
            first.close()
        }
        let store = try reopen()
        let runner = try await ExecutionRunner.resume(
            id: id, program: program, store: store, options: RunnerOptions(policy: policy).with(failpoints: Failpoints()))
        runner.onEvent = { if case .said(let m) = $0 { said.append(m.text) } }
        let outcome = try await runner.run()
        let run = Run(outcome: outcome, state: runner.state, records: try await store.lastSequence(id))
        runner.close()
        return (run, said, crashes)
    }

    enum Kind: String, CaseIterable, CustomTestStringConvertible {
        case memory, sqlite, files
        var testDescription: String { rawValue }
    }

    /// A store of `kind` in `directory`, opened with `failpoints` whose crashes are simulated.
    static func open(
        _ kind: Kind, _ directory: String, _ failpoints: Failpoints, memory: MemoryCheckpointStore
    ) throws
        -> any CheckpointStore
    {
        switch kind {
        case .memory: return memory
        case .sqlite:
            return try SQLiteCheckpointStore(path: directory + "/state.db", durability: .process, failpoints: failpoints, crash: {})
        case .files:
            return try FileCheckpointStore(directory: directory + "/journal", durability: .process, failpoints: failpoints, crash: {})
        }
    }

    @Test(arguments: SweepPrograms.all.map(\.name), Kind.allCases)
    func everyFailpointAtEveryCheckpoint(programName: String, kind: Kind) async throws {
        let source = try #require(SweepPrograms.all.first { $0.name == programName }).source
        let program = ExecutionRunnerTests.program(source, name: programName)
        let directory = NSTemporaryDirectory() + "/playbooks-sweep-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let memory = MemoryCheckpointStore()
        let store = try Self.open(kind, directory, Failpoints(), memory: memory)
        let (expected, expectedSaid) = try await Self.uninterrupted(program, store: store)
        guard case .finished = expected.outcome else {
            Issue.record("\(programName) did not finish: \(expected.outcome)")
            return
        }
        #expect(expected.records >= 5)
        let policies =
            kind == .memory
            ? [
                SnapshotPolicy(everyRecords: 1, journalFraction: 0), SnapshotPolicy(everyRecords: 4, journalFraction: 0),
                SnapshotPolicy(everyRecords: 1000),
            ]
            : [SnapshotPolicy(everyRecords: 3, journalFraction: 0)]
        let points: [Failpoints.Point] =
            kind == .memory ? [.crashBeforeCheckpoint, .crashAfterCheckpoint] : Failpoints.Point.allCases
        for policy in policies {
            for n in 1...expected.records {
                for point in points {
                    let failpoints = Failpoints(entries: [point: [n]])
                    let (run, said, crashes) = try await Self.crashed(
                        program, store: try Self.open(kind, directory, failpoints, memory: memory),
                        reopen: { try Self.open(kind, directory, Failpoints(), memory: memory) }, failpoints: failpoints,
                        policy: policy)
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
