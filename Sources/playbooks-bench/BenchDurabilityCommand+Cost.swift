import Foundation
import PlaybooksDurability
import PlaybooksLanguage
import PlaybooksRuntime
import PlaybooksStores

// `playbooks-bench durability`, section a: microseconds per await with durability off, at process and at machine level.
extension BenchDurabilityCommand {
    struct CostRow {
        var label: String
        var awaits: Int
        var usPerAwait: Double
        var addedUs: Double?
        var runsUs: [Double]
        var cpuUs: Double?
        var overVMUs: Double?
    }

    /// One untimed warm-up run of `program` (which awaits `n` times and returns `n`), then `count` timed runs:
    /// wall and CPU microseconds per await of each timed run.
    static func timedRuns(
        _ program: ExecutionProgram, awaits n: Int, store: any CheckpointStore, idPrefix: String, count: Int
    ) async throws -> (wall: [Double], cpu: [Double]) {
        _ = try await runToEnd(program, store: store, id: "\(idPrefix)warm", expect: "\(n)")
        var wall: [Double] = []
        var cpu: [Double] = []
        for r in 0..<count {
            let t = try await timedRun(program, store: store, id: "\(idPrefix)\(r)", expect: "\(n)")
            wall.append(t.wall * 1e6 / Double(n))
            cpu.append(t.cpu * 1e6 / Double(n))
        }
        return (wall, cpu)
    }

    func measureCost(_ scratch: Scratch) async throws -> [CostRow] {
        var rows: [CostRow] = []
        var offAt: [Int: Double] = [:]
        var vmAt: [Int: Double] = [:]
        for n in Set([processAwaits, machineAwaits]).sorted(by: >) {
            let program = Self.awaitsProgram(n)
            _ = try Self.bareVM(n)
            var vmTimes: [Double] = []
            for _ in 0..<runs { vmTimes.append(try Self.bareVM(n) * 1e6 / Double(n)) }
            vmAt[n] = Self.median(vmTimes)
            rows.append(CostRow(label: "bare VM (no runtime)", awaits: n, usPerAwait: Self.median(vmTimes), runsUs: vmTimes))
            let store = MemoryCheckpointStore()
            let (offTimes, offCPU) = try await Self.timedRuns(program, awaits: n, store: store, idPrefix: "off-\(n)-", count: runs)
            offAt[n] = Self.median(offTimes)
            rows.append(
                CostRow(
                    label: "off (memory store)", awaits: n, usPerAwait: Self.median(offTimes), runsUs: offTimes,
                    cpuUs: Self.median(offCPU), overVMUs: Self.median(offTimes) - (vmAt[n] ?? 0)))
        }
        for level in [DurabilityLevel.process, .machine] {
            let n = level == .process ? processAwaits : machineAwaits
            let count = level == .process ? runs : machineRuns
            let program = Self.awaitsProgram(n)
            for kind in Kind.allCases {
                let store = try Self.open(kind, level, in: try scratch.fresh("cost-\(level)-\(kind)"))
                let (times, cpu) = try await Self.timedRuns(program, awaits: n, store: store, idPrefix: "run-", count: count)
                let m = Self.median(times)
                rows.append(
                    CostRow(
                        label: "\(level.rawValue) \(kind.rawValue)", awaits: n, usPerAwait: m, addedUs: m - (offAt[n] ?? 0), runsUs: times,
                        cpuUs: Self.median(cpu), overVMUs: m - (vmAt[n] ?? 0)))
            }
        }
        return rows
    }

    /// The report of the per-await cost: its lines and its JSON rows.
    func costSection(_ scratch: Scratch, fsyncUs: Double) async throws -> BenchSection {
        var lines: [String] = []
        let rows = try await measureCost(scratch)
        lines.append("")
        lines.append(
            "a. per-await cost: `for i in range(N): await Step(f\"S:{i}\")`, median of \(runs) runs (\(machineRuns) at machine)")
        lines.append("   configuration            awaits    us/await  added vs off  over bare VM  CPU us/await  target (wall, vs off)")
        for row in rows {
            var target = ""
            if let added = row.addedUs {
                if row.label.hasPrefix("process") {
                    target = "<= 20 us: \(added <= 20 ? "yes" : "NO")"
                } else {
                    target =
                        "<= 1 fsync (\(Self.fmt(fsyncUs, 0)) us): \(added <= fsyncUs ? "yes" : "NO") (\(Self.fmt(added / fsyncUs, 2)) fsyncs)"
                }
            }
            lines.append(
                "   \(Self.pad(row.label, 24)) \(Self.lpad("\(row.awaits)", 6))  \(Self.lpad(Self.fmt(row.usPerAwait, 1), 10))  "
                    + "\(Self.lpad(row.addedUs.map { Self.signed($0) } ?? "", 12))  \(Self.lpad(row.overVMUs.map { Self.signed($0) } ?? "", 12))  "
                    + "\(Self.lpad(row.cpuUs.map { Self.fmt($0, 1) } ?? "", 12))  \(target)")
        }
        let json = rows.map { row -> [String: Any] in
            var o: [String: Any] = [
                "configuration": row.label, "awaits": row.awaits, "us_per_await": row.usPerAwait, "runs_us_per_await": row.runsUs,
            ]
            if let a = row.addedUs { o["added_us_per_await"] = a }
            if let c = row.cpuUs { o["cpu_us_per_await"] = c }
            if let v = row.overVMUs { o["over_bare_vm_us_per_await"] = v }
            return o
        }
        return BenchSection(key: "cost", lines: lines, json: json)
    }
}
