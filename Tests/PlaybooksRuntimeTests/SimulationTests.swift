import Foundation
import PlaybooksDurability
import PlaybooksLanguage
import Synchronization
import Testing

@testable import PlaybooksRuntime

/// A deterministic simulation: one seed drives executions of every sweep program over an
/// in-process store that injects errors (before a write, and after it: the write happened but the
/// caller is told it failed), and crashes at random checkpoints. Each execution is resumed until it
/// ends; then the invariants are checked against a crash-free reference run: the same result and
/// transcript (every message exactly once), each journaled await once, every external charge
/// performed for each logical call with the same arguments, no message given lost or repeated.
/// A failing seed reproduces exactly (the test checks that a seed's trace is the same twice).
///
/// `PLAYBOOKS_SIMULATION_SEEDS=N` runs N seeds instead of the fixed ones (a long run:
/// `PLAYBOOKS_SIMULATION_SEEDS=2000 swift test --filter SimulationTests`).
@Suite struct SimulationTests {
    /// A store that fails on purpose, as the seed decides.
    final class FaultyStore: CheckpointStore, Sendable {
        let inner = MemoryCheckpointStore()
        private let state: Mutex<(random: StreamChunker.Generator, rate: Double, trace: [String])>

        init(seed: UInt64, rate: Double) {
            state = Mutex((StreamChunker.Generator(seed: seed), rate, []))
        }

        var location: String { "simulated:" }
        var durability: DurabilityLevel { .process }
        var trace: [String] { state.withLock { $0.trace } }

        func note(_ text: String) { state.withLock { $0.trace.append(text) } }

        /// Before or after the write, or not at all.
        private func fault(_ operation: String) -> Fault? {
            state.withLock { s in
                let roll = Double(s.random.next() % 10_000) / 10_000
                if roll < s.rate / 2 {
                    s.trace.append("fault before \(operation)")
                    return .before
                }
                if roll < s.rate {
                    s.trace.append("fault after \(operation)")
                    return .after
                }
                return nil
            }
        }

        enum Fault { case before, after }

        private func guarded(
            _ operation: String, _ body: () async throws(StoreError) -> Void
        ) async throws(StoreError) {
            let fault = fault(operation)
            if fault == .before { throw .unavailable("injected fault before \(operation)") }
            try await body()
            if fault == .after { throw .unavailable("injected fault after \(operation)") }
        }

        func createExecution(_ info: ExecutionInfo) async throws(StoreError) {
            try await guarded("create") { () async throws(StoreError) in try await inner.createExecution(info) }
        }
        func loadExecution(_ id: ExecutionID) async throws(StoreError) -> ExecutionInfo? { try await inner.loadExecution(id) }
        func updateExecution(_ info: ExecutionInfo) async throws(StoreError) {
            try await guarded("update") { () async throws(StoreError) in try await inner.updateExecution(info) }
        }
        func listExecutions() async throws(StoreError) -> [ExecutionInfo] { try await inner.listExecutions() }
        func append(_ records: [JournalRecord], to id: ExecutionID) async throws(StoreError) {
            try await guarded("append \(records.first?.sequence ?? 0)") { () async throws(StoreError) in
                try await inner.append(records, to: id)
            }
        }
        func readJournal(_ id: ExecutionID, from sequence: Int) async throws(StoreError) -> JournalRead {
            try await inner.readJournal(id, from: sequence)
        }
        func lastSequence(_ id: ExecutionID) async throws(StoreError) -> Int { try await inner.lastSequence(id) }
        func writeSnapshot(_ snapshot: SnapshotRecord, for id: ExecutionID) async throws(StoreError) {
            try await guarded("snapshot \(snapshot.sequence)") { () async throws(StoreError) in
                try await inner.writeSnapshot(snapshot, for: id)
            }
        }
        func latestSnapshot(_ id: ExecutionID, atOrBefore sequence: Int) async throws(StoreError) -> SnapshotRecord? {
            try await inner.latestSnapshot(id, atOrBefore: sequence)
        }
        func snapshotSequences(_ id: ExecutionID) async throws(StoreError) -> [Int] { try await inner.snapshotSequences(id) }
        func prune(_ id: ExecutionID, keepingFrom sequence: Int) async throws(StoreError) {
            try await inner.prune(id, keepingFrom: sequence)
        }
        func lock(_ id: ExecutionID) throws(StoreError) -> any ExecutionLock { try inner.lock(id) }
    }

    /// An external call with a side effect: every performance is counted by idempotency key.
    final class Ledger: Sendable {
        let performed = Mutex<[(key: String, amount: PortableValue)]>([])
        var charge: ExternalFunction {
            ExternalFunction(name: "Charge") { [self] call in
                performed.withLock { $0.append((call.idempotencyKey, call.arguments.first ?? .none)) }
                return call.arguments.first ?? .none
            }
        }
    }

    static let charges = """
        @playbook
        async def Main():
            total = 0
            for i in range(6):
                m = await WaitForMessage("user")
                r = await Charge(i * 10)
                total += r
                await Say("user", f"{m}: charged {r}")
            return total
        """
    static let messages = (0..<6).map { "m\($0)" }

    static var programs: [(name: String, source: String)] { SweepPrograms.all + [("charges", charges)] }

    struct Ending: Equatable {
        var result: String
        var transcript: [Message]
        var charges: Int
    }

    /// The uninterrupted run.
    static func reference(_ program: ExecutionProgram) async throws -> Ending {
        let ledger = Ledger()
        let runner = try await ExecutionRunner.start(
            program: program, store: MemoryCheckpointStore(),
            options: RunnerOptions(externals: [ledger.charge], messages: messages).with(failpoints: Failpoints()))
        guard case .finished(let result) = try await runner.run() else { throw CancellationError() }
        return Ending(result: result.repr, transcript: runner.state.transcript, charges: ledger.performed.withLock { $0.count })
    }

    /// Runs `program` under faults and crashes drawn from `seed` until it ends; returns how it ended and the trace.
    static func simulate(_ program: ExecutionProgram, seed: UInt64) async throws -> (Ending, [String], Ledger) {
        let store = FaultyStore(seed: seed, rate: 0.08)
        let ledger = Ledger()
        var random = StreamChunker.Generator(seed: seed ^ 0xC0FFEE)
        let id = try ExecutionID(validating: "sim-\(seed)")
        var result: String?
        for attempt in 0..<400 {
            let last = (try? await store.lastSequence(id)) ?? 0
            let crashAt = last + 1 + Int(random.next() % 8)
            let point: Failpoints.Point = random.next() % 2 == 0 ? .crashAfterCheckpoint : .crashBeforeCheckpoint
            let failpoints = random.next() % 3 == 0 ? Failpoints() : Failpoints(entries: [point: [crashAt]])
            var options = RunnerOptions(externals: [ledger.charge]).with(failpoints: failpoints)
            do {
                let runner: ExecutionRunner
                if try await store.loadExecution(id) == nil {
                    // Until the store holds the execution, its messages are given with every start.
                    options.messages = messages
                    runner = try await ExecutionRunner.start(program: program, store: store, id: id, options: options)
                } else {
                    runner = try await ExecutionRunner.resume(id: id, program: program, store: store, options: options)
                }
                runner.simulatesCrashes = true
                let outcome = try await runner.run()
                runner.close()
                store.note("attempt \(attempt): \(outcome)")
                guard case .finished(let r) = outcome else { throw CancellationError() }
                result = r.repr
                break
            } catch ExecutionError.notResumable(_, status: .finished) {
                // It finished; the fault hid that from the run that finished it.
                result = try await store.loadExecution(id)?.attributes["result"]
                store.note("attempt \(attempt): already finished")
                break
            } catch {
                store.note("attempt \(attempt): \(error)")
            }
        }
        let transcript = try await ExecutionRunner.inspect(id: id, program: program, store: store.inner).state.transcript
        let keys = Set(ledger.performed.withLock { $0.map(\.key) })
        return (Ending(result: result ?? "(did not finish)", transcript: transcript, charges: keys.count), store.trace, ledger)
    }

    static var seeds: [UInt64] {
        if let text = ProcessInfo.processInfo.environment["PLAYBOOKS_SIMULATION_SEEDS"], let n = UInt64(text), n > 0 {
            return Array(1...n)
        }
        return [1, 2, 3, 5, 8, 13, 21, 34]
    }

    @Test func everySeedEndsAsTheUninterruptedRun() async throws {
        var faults = 0
        for (name, source) in Self.programs {
            let program = ExecutionRunnerTests.program(source, name: name)
            let expected = try await Self.reference(program)
            for seed in Self.seeds {
                let (ending, trace, ledger) = try await Self.simulate(program, seed: seed)
                faults += trace.filter { $0.hasPrefix("fault") }.count
                #expect(ending == expected, "\(name), seed \(seed): \(trace.suffix(6))")
                // A charge retried after a crash is the same charge (same key, same amount).
                let byKey = Dictionary(grouping: ledger.performed.withLock { $0 }, by: \.key)
                #expect(byKey.values.allSatisfy { Set($0.map(\.amount.description)).count == 1 }, "\(name), seed \(seed)")
            }
        }
        #expect(faults > 50, "the simulation injected only \(faults) faults")
    }

    @Test func aSeedReproducesExactly() async throws {
        let program = ExecutionRunnerTests.program(Self.charges, name: "charges")
        let (first, firstTrace, _) = try await Self.simulate(program, seed: 77)
        let (second, secondTrace, _) = try await Self.simulate(program, seed: 77)
        #expect(first == second)
        #expect(firstTrace == secondTrace)
        #expect(firstTrace.count > 3)
    }
}
