import Foundation
import PlaybooksDurability
import PlaybooksRuntime

// `playbooks-bench society`, section d: resuming a society after N awaits of its working agent.
extension BenchSocietyCommand {
    struct ResumeRow {
        var variant: Variant
        var agents: Int
        var store: Kind
        /// The crash came after checkpoint `tail`, the last record before the main agent's `Say`.
        var tail: Int
        var snapshotBytes = 0
        var snapshotAt = -1
        var replayed = 0
        var timings: [BenchDurabilityCommand.ResumeTiming] = []

        func median(_ part: (BenchDurabilityCommand.ResumeTiming) -> Double) -> Double {
            BenchSocietyCommand.median(timings.map(part))
        }
    }

    /// The sequence of the record of the main agent's live `Say` in one run (the checkpoint reported just before it).
    final class SayProbe {
        var lastCheckpoint = 0
        var sayRecord: Int?
    }

    func measureResume(_ scratch: Scratch) async throws -> [ResumeRow] {
        var rows: [ResumeRow] = []
        let n = awaits
        for kind in try selectedStores() {
            for variant in try selectedVariants() where !variant.talks {
                for count in try Self.agentCounts(resumeAgents, option: "--resume-agents", for: variant) {
                    let program = try Self.societyProgram(variant, agents: count, awaits: n, sayAt: n)
                    // The uninterrupted run, whose records and snapshots up to the Say's make the crashed state.
                    let source = try BenchDurabilityCommand.open(kind, .process, in: try scratch.fresh("resume-source-\(variant)-\(count)"))
                    let id = try ExecutionID(validating: "resume-\(variant)-\(count)")
                    let probe = SayProbe()
                    _ = try await BenchDurabilityCommand.timedRun(
                        program, store: source, id: id.rawValue, expect: "\(n)",
                        onEvent: { event in
                            switch event {
                            case .checkpointed(let s): probe.lastCheckpoint = s
                            case .said(let m) where m.sender == "Main" && m.target == "user":
                                if probe.sayRecord == nil { probe.sayRecord = probe.lastCheckpoint }
                            default: break
                            }
                        })
                    guard let say = probe.sayRecord else {
                        throw BenchDurabilityCommand.BenchFailure(description: "\(id) said nothing")
                    }
                    let crash = try await BenchDurabilityCommand.CrashedState(of: id, in: source, afterCheckpoint: say - 1)
                    var row = ResumeRow(variant: variant, agents: count, store: kind, tail: say - 1)
                    row.snapshotBytes = crash.snapshots.last?.bytes.count ?? 0
                    for r in 0...resumeRuns {
                        let dir = try scratch.fresh("resume-\(kind)-\(variant)-\(count)-\(r)")
                        try await crash.write(into: try BenchDurabilityCommand.open(kind, .process, in: dir))
                        let timing = try await BenchDurabilityCommand.timedResume(
                            id: id, program: program, kind: kind, in: dir, expect: "\(n)")
                        if r == 0 { continue }  // warm-up
                        row.snapshotAt = timing.snapshotAt
                        row.replayed = timing.replayed
                        row.timings.append(timing)
                    }
                    rows.append(row)
                }
            }
        }
        return rows
    }

    /// The report of the resume measurement: its lines and its JSON rows.
    func resumeSection(_ scratch: Scratch) async throws -> BenchSection {
        let rows = try await measureResume(scratch)
        var lines: [String] = [
            "",
            "d. resume after the loop's \(awaits)th await (crash after checkpoint K): open the store, ExecutionRunner.resume, "
                + "run to the first live statement (a Say) and to the end (5 more iterations); median of \(resumeRuns)",
            "   variant  agents  store         K  snapshot at  snapshot KB  replayed  open ms  resume() ms  replay+first ms  to first ms  to end ms",
        ]
        for row in rows {
            let first = row.median(\.firstLiveMs)
            let replay = row.median { $0.firstLiveMs - $0.openMs - $0.restoreMs }
            lines.append(
                "   \(Self.pad(row.variant.rawValue, 7))  \(Self.lpad("\(row.agents)", 6))  \(Self.pad(row.store.rawValue, 6))  "
                    + "\(Self.lpad("\(row.tail)", 6))  \(Self.lpad("\(row.snapshotAt)", 11))  "
                    + "\(Self.lpad(Self.fmt(Double(row.snapshotBytes) / 1000, 1), 11))  \(Self.lpad("\(row.replayed)", 8))  "
                    + "\(Self.lpad(Self.fmt(row.median(\.openMs), 2), 7))  \(Self.lpad(Self.fmt(row.median(\.restoreMs), 2), 11))  "
                    + "\(Self.lpad(Self.fmt(replay, 2), 15))  \(Self.lpad(Self.fmt(first, 2), 11))  \(Self.lpad(Self.fmt(row.median(\.endMs), 2), 9))"
            )
        }
        let json = rows.map { row -> [String: Any] in
            [
                "variant": row.variant.rawValue, "agents": row.agents, "store": row.store.rawValue, "k": row.tail,
                "snapshot_at": row.snapshotAt, "snapshot_bytes": row.snapshotBytes, "replayed": row.replayed,
                "open_ms": row.timings.map(\.openMs), "resume_ms": row.timings.map(\.restoreMs),
                "to_first_statement_ms": row.timings.map(\.firstLiveMs), "to_end_ms": row.timings.map(\.endMs),
            ]
        }
        return BenchSection(key: "resume", lines: lines, json: json)
    }
}
