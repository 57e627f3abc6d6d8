import Foundation
import PlaybooksDurability
import PlaybooksLanguage
import PlaybooksRuntime
import PlaybooksStores

// `playbooks-bench durability`, section d: from opening the store to the first resumed statement.
extension BenchDurabilityCommand {
    struct ResumeRow {
        var label: String
        var store: Kind
        var namespaceKiB: Int
        var tail: Int
        var snapshotAt: Int
        var replayed: Int
        var totalMs: [Double]
        var openMs: [Double]
        var restoreMs: [Double]
        var replayMs: [Double]
    }

    final class ResumeProbe {
        var recovered: (snapshot: Int, replayed: Int)?
        var firstSaid: ContinuousClock.Instant?
    }

    /// What a crash after checkpoint K leaves of an execution that ran to its end: its info (as
    /// running), records 1...K and the snapshots written before await K+1 began (sequence < K).
    struct CrashedState {
        var info: ExecutionInfo
        var records: [JournalRecord]
        var snapshots: [SnapshotRecord]

        /// Read from the uninterrupted run's store.
        init(of id: ExecutionID, in source: any CheckpointStore, afterCheckpoint tail: Int) async throws {
            guard var info = try await source.loadExecution(id) else { throw BenchFailure(description: "no execution \(id)") }
            info.status = .running
            info.attributes["result"] = nil
            self.info = info
            records = try await source.readJournal(id, from: 1).records.filter { $0.sequence <= tail }
            snapshots = []
            for s in try await source.snapshotSequences(id) where s < tail {
                if let snap = try await source.latestSnapshot(id, atOrBefore: s) { snapshots.append(snap) }
            }
        }

        /// Writes the state into `store` (a fresh one), as the crashed process left it.
        func write(into store: any CheckpointStore) async throws {
            try await store.createExecution(info)
            for chunk in stride(from: 0, to: records.count, by: 256) {
                try await store.append(Array(records[chunk..<min(chunk + 256, records.count)]), to: info.id)
            }
            for snap in snapshots { try await store.writeSnapshot(snap, for: info.id) }
        }
    }

    /// One timed resume of execution `id`, whose crashed state is in the `kind` store in `dir`.
    struct ResumeTiming {
        /// Opening the store (a new store object, as a new process opens it).
        var openMs: Double
        /// `ExecutionRunner.resume`: loading the snapshot and the journal's tail, decoding the VMs.
        var restoreMs: Double
        /// From before opening the store to the first live statement (a `Say` reported live).
        var firstLiveMs: Double
        /// From before opening the store to `run()` returning (the execution finished).
        var endMs: Double
        var snapshotAt: Int
        var replayed: Int
    }

    /// Opens the store, resumes execution `id` and runs it to its end, which must be the result
    /// `expect` after a live `Say`; the store is closed when this returns.
    static func timedResume(
        id: ExecutionID, program: ExecutionProgram, kind: Kind, in dir: String, expect: String
    ) async throws -> ResumeTiming {
        let probe = ResumeProbe()
        let clock = ContinuousClock()
        let t0 = clock.now
        let store = try open(kind, .process, in: dir)
        let t1 = clock.now
        let runner = try await ExecutionRunner.resume(
            id: id, program: program, store: store, options: RunnerOptions().with(failpoints: Failpoints()))
        let t2 = clock.now
        runner.onEvent = { event in
            switch event {
            case .recovered(let s, let n, _): probe.recovered = (s, n)
            case .said: if probe.firstSaid == nil { probe.firstSaid = clock.now }
            default: break
            }
        }
        let outcome = try await runner.run()
        let t4 = clock.now
        runner.close()
        guard case .finished(let result) = outcome, result.repr == expect, let t3 = probe.firstSaid,
            let recovered = probe.recovered
        else {
            throw BenchFailure(description: "resume of \(id) ended with \(outcome) and no live Say")
        }
        return ResumeTiming(
            openMs: seconds(t1 - t0) * 1000, restoreMs: seconds(t2 - t1) * 1000, firstLiveMs: seconds(t3 - t0) * 1000,
            endMs: seconds(t4 - t0) * 1000, snapshotAt: recovered.snapshot, replayed: recovered.replayed)
    }

    func measureResume(_ scratch: Scratch) async throws -> [ResumeRow] {
        var rows: [ResumeRow] = []
        let cases: [(String, Int, Int)] = [
            ("small, K=10", 0, 10), ("small, K=1000", 0, 1000), ("1 MB, K=10", 1024, 10), ("1 MB, K=1000", 1024, 1000),
        ]
        for kind in Kind.allCases {
            for (label, kib, tail) in cases {
                let program = Self.resumeProgram(kib: kib, tail: tail)
                // The uninterrupted run, whose records and snapshots up to K make the crashed state.
                let source = try Self.open(kind, .process, in: try scratch.fresh("resume-source-\(kind)-\(kib)-\(tail)"))
                let id = try ExecutionID(validating: "resume-\(kib)-\(tail)")
                _ = try await Self.runToEnd(program, store: source, id: id.rawValue, expect: "\(kib)")
                let crash = try await CrashedState(of: id, in: source, afterCheckpoint: tail)
                var row = ResumeRow(
                    label: label, store: kind, namespaceKiB: kib, tail: tail, snapshotAt: -1, replayed: 0, totalMs: [], openMs: [],
                    restoreMs: [], replayMs: [])
                for r in 0...resumeRuns {
                    let dir = try scratch.fresh("resume-\(kind)-\(kib)-\(tail)-\(r)")
                    try await crash.write(into: try Self.open(kind, .process, in: dir))
                    let timing = try await Self.timedResume(id: id, program: program, kind: kind, in: dir, expect: "\(kib)")
                    if r == 0 { continue }  // warm-up
                    row.snapshotAt = timing.snapshotAt
                    row.replayed = timing.replayed
                    row.totalMs.append(timing.firstLiveMs)
                    row.openMs.append(timing.openMs)
                    row.restoreMs.append(timing.restoreMs)
                    row.replayMs.append(timing.firstLiveMs - timing.openMs - timing.restoreMs)
                }
                rows.append(row)
            }
        }
        return rows
    }

    /// The report of the resume measurement: its lines and its JSON rows.
    func resumeSection(_ scratch: Scratch) async throws -> BenchSection {
        var lines: [String] = []
        let rows = try await measureResume(scratch)
        lines.append("")
        lines.append(
            "d. resume in-process: open the store, ExecutionRunner.resume, run to the first live statement "
                + "(a Say after checkpoint K), process level, median of \(resumeRuns)")
        lines.append(
            "   program         store   snapshot at  replayed   total ms   (min)   open ms  resume() ms  replay+first ms  target < 20 ms"
        )
        for row in rows {
            let total = Self.median(row.totalMs)
            lines.append(
                "   \(Self.pad(row.label, 14))  \(Self.pad(row.store.rawValue, 6))  \(Self.lpad("\(row.snapshotAt)", 11))  "
                    + "\(Self.lpad("\(row.replayed)", 8))  \(Self.lpad(Self.fmt(total, 2), 9))  \(Self.lpad(Self.fmt(row.totalMs.min() ?? 0, 2), 6))  "
                    + "\(Self.lpad(Self.fmt(Self.median(row.openMs), 2), 8))  \(Self.lpad(Self.fmt(Self.median(row.restoreMs), 2), 11))  "
                    + "\(Self.lpad(Self.fmt(Self.median(row.replayMs), 2), 15))  \(total < 20 ? "yes" : "NO")")
        }
        let json = rows.map { row -> [String: Any] in
            [
                "program": row.label, "store": row.store.rawValue, "namespace_kib": row.namespaceKiB, "k": row.tail,
                "snapshot_at": row.snapshotAt, "replayed": row.replayed, "total_ms": row.totalMs, "open_ms": row.openMs,
                "resume_ms": row.restoreMs, "replay_to_first_statement_ms": row.replayMs,
                "median_total_ms": Self.median(row.totalMs),
            ]
        }
        return BenchSection(key: "resume_in_process", lines: lines, json: json)
    }
}
