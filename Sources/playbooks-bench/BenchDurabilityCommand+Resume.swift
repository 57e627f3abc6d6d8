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
                guard var info = try await source.loadExecution(id) else { throw BenchFailure(description: "no execution \(id)") }
                info.status = .running
                info.attributes["result"] = nil
                let records = try await source.readJournal(id, from: 1).records.filter { $0.sequence <= tail }
                var snapshots: [SnapshotRecord] = []
                // A crash after checkpoint K leaves the snapshots written before await K+1 began: sequence < K.
                for s in try await source.snapshotSequences(id) where s < tail {
                    if let snap = try await source.latestSnapshot(id, atOrBefore: s) { snapshots.append(snap) }
                }
                var row = ResumeRow(
                    label: label, store: kind, namespaceKiB: kib, tail: tail, snapshotAt: -1, replayed: 0, totalMs: [], openMs: [],
                    restoreMs: [], replayMs: [])
                for r in 0...resumeRuns {
                    let dir = try scratch.fresh("resume-\(kind)-\(kib)-\(tail)-\(r)")
                    do {
                        let crashed = try Self.open(kind, .process, in: dir)
                        try await crashed.createExecution(info)
                        for chunk in stride(from: 0, to: records.count, by: 256) {
                            try await crashed.append(Array(records[chunk..<min(chunk + 256, records.count)]), to: id)
                        }
                        for snap in snapshots { try await crashed.writeSnapshot(snap, for: id) }
                    }
                    // Timed: a new store object (as a new process opens it), resume, run to the first live statement.
                    let probe = ResumeProbe()
                    let clock = ContinuousClock()
                    let t0 = clock.now
                    let store = try Self.open(kind, .process, in: dir)
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
                    runner.close()
                    guard case .finished(let result) = outcome, result.repr == "\(kib)", let t3 = probe.firstSaid,
                        let recovered = probe.recovered
                    else {
                        throw BenchFailure(description: "resume of \(id) ended with \(outcome) and no live Say")
                    }
                    if r == 0 { continue }  // warm-up
                    row.snapshotAt = recovered.snapshot
                    row.replayed = recovered.replayed
                    row.totalMs.append(Self.seconds(t3 - t0) * 1000)
                    row.openMs.append(Self.seconds(t1 - t0) * 1000)
                    row.restoreMs.append(Self.seconds(t2 - t1) * 1000)
                    row.replayMs.append(Self.seconds(t3 - t2) * 1000)
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
