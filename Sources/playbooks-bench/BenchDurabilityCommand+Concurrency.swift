import Foundation
import PlaybooksDurability
import PlaybooksLanguage
import PlaybooksRuntime
import PlaybooksStores

// `playbooks-bench durability`, section b: many executions at machine level in one process, one store.
extension BenchDurabilityCommand {
    struct ConcurrencyRow {
        var store: Kind
        var executions: Int
        var awaits: Int
        var wallMs: Double
        var commits: Int?
        var awaitsPerSecond: Double { Double(awaits) / (wallMs / 1000) }
        var usPerAwait: Double { wallMs * 1000 / Double(awaits) }
    }

    func measureConcurrency(_ scratch: Scratch) async throws -> [ConcurrencyRow] {
        var rows: [ConcurrencyRow] = []
        let counts = try Self.integers(concurrency, option: "--concurrency").filter { $0 > 0 }
        let n = concurrentAwaits
        let program = Self.awaitsProgram(n)
        for kind in Kind.allCases {
            for c in counts {
                let store = try Self.open(kind, .machine, in: try scratch.fresh("concurrency-\(kind)-\(c)"))
                let before = (store as? SQLiteCheckpointStore)?.transactionCount
                let clock = ContinuousClock()
                let t0 = clock.now
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for j in 0..<c {
                        group.addTask {
                            _ = try await Self.runToEnd(program, store: store, id: "exec-\(j)", expect: "\(n)")
                        }
                    }
                    try await group.waitForAll()
                }
                let wall = Self.seconds(clock.now - t0) * 1000
                let after = (store as? SQLiteCheckpointStore)?.transactionCount
                rows.append(
                    ConcurrencyRow(
                        store: kind, executions: c, awaits: c * n, wallMs: wall, commits: after.flatMap { a in before.map { a - $0 } }))
            }
        }
        return rows
    }

    /// The report of the concurrency measurement: its lines and its JSON rows.
    func concurrencySection(_ scratch: Scratch, fsyncUs: Double) async throws -> BenchSection {
        var lines: [String] = []
        let rows = try await measureConcurrency(scratch)
        lines.append("")
        lines.append("b. concurrency at machine level: C executions in one process, \(concurrentAwaits) awaits each, one store")
        lines.append("   store   executions   awaits   wall ms   awaits/s   wall us/await   fsyncs/await  commits  awaits/commit")
        for row in rows {
            let commits = row.commits.map { "\($0)" } ?? "-"
            let perCommit = row.commits.map { Self.fmt(Double(row.awaits) / Double(max($0, 1)), 1) } ?? "-"
            lines.append(
                "   \(Self.pad(row.store.rawValue, 7)) \(Self.lpad("\(row.executions)", 10))  \(Self.lpad("\(row.awaits)", 7))  "
                    + "\(Self.lpad(Self.fmt(row.wallMs, 0), 8))  \(Self.lpad(Self.fmt(row.awaitsPerSecond, 0), 9))  "
                    + "\(Self.lpad(Self.fmt(row.usPerAwait, 1), 14))  \(Self.lpad(Self.fmt(row.usPerAwait / fsyncUs, 2), 13))  "
                    + "\(Self.lpad(commits, 7))  \(Self.lpad(perCommit, 13))")
        }
        lines.append("   (fsyncs/await = wall time per await / one fsync; commits = SQLite group-commit transactions of appends)")
        let json = rows.map { row -> [String: Any] in
            var o: [String: Any] = [
                "store": row.store.rawValue, "executions": row.executions, "awaits": row.awaits, "wall_ms": row.wallMs,
                "awaits_per_second": row.awaitsPerSecond, "wall_us_per_await": row.usPerAwait,
            ]
            if let c = row.commits { o["append_commits"] = c }
            return o
        }
        return BenchSection(key: "concurrency", lines: lines, json: json)
    }
}
