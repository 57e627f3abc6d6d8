import Foundation
import PlaybooksDurability
import PlaybooksLanguage
import PlaybooksRuntime

// `playbooks-bench society`, sections a-c: time and bytes per await, and the society snapshots.
extension BenchSocietyCommand {
    /// One society snapshot taken apart by its layout (see `SocietySnapshot` in PlaybooksRuntime:
    /// `PBSO`, a version byte, the host's state, the agent count, each agent's VM snapshot with its length).
    struct SnapshotParts {
        var sequence: Int
        var total: Int
        /// The host's society state (messages and calls not yet taken); 0 for one agent's snapshot.
        var state: Int
        /// Each agent's VM snapshot, the main agent first.
        var agents: [Int]

        init(sequence: Int, bytes: [UInt8]) throws {
            self.sequence = sequence
            total = bytes.count
            guard bytes.count > 5, Array(bytes.prefix(4)) == Array("PBSO".utf8) else {
                state = 0
                agents = [bytes.count]
                return
            }
            var p = 5
            _ = try PortableValue.decode(bytes, at: &p)
            state = p - 5
            guard case .int(let count) = try PortableValue.decode(bytes, at: &p) else {
                throw BenchDurabilityCommand.BenchFailure(description: "society snapshot \(sequence): no agent count")
            }
            agents = []
            for _ in 0..<count {
                guard case .int(let length) = try PortableValue.decode(bytes, at: &p) else {
                    throw BenchDurabilityCommand.BenchFailure(description: "society snapshot \(sequence): no agent length")
                }
                agents.append(length)
                p += length
            }
        }

        /// The mean size of the agents other than the main one (0 for one agent).
        var otherAgentMean: Double {
            agents.count > 1 ? Double(agents.dropFirst().reduce(0, +)) / Double(agents.count - 1) : 0
        }
    }

    /// The instants of the checkpoints of one run (``ExecutionEvent/checkpointed(sequence:)``).
    final class CheckpointClock {
        let clock = ContinuousClock()
        var at: [Int: ContinuousClock.Instant] = [:]
        var last = 0
    }

    struct AwaitsRow {
        var variant: Variant
        var agents: Int
        var store: Kind
        var iterations: Int
        var records: Int
        /// Per timed run: wall and CPU microseconds per await of `run()`, and wall microseconds
        /// per await from the checkpoint of record `steadyFrom` to the last one.
        var wallUs: [Double] = []
        var cpuUs: [Double] = []
        var steadyUs: [Double] = []
        var steadyFrom = 0
        var journalBytes = 0
        var snapshots: [SnapshotParts] = []
        /// The bytes of the execution's files (journal and snapshots, headers included) in the files store.
        var filesOnDisk: Int?

        var snapshotBytes: Int { snapshots.reduce(0) { $0 + $1.total } }
        var journalPerAwait: Double { Double(journalBytes) / Double(records) }
        var snapshotPerAwait: Double { Double(snapshotBytes) / Double(records) }
        var totalPerAwait: Double { journalPerAwait + snapshotPerAwait }
    }

    /// Records of the setup before the main agent's loop: in `waiting`, each other agent's
    /// `SendMessage` and the main agent's `WaitForMessage` that takes it.
    static func setupRecords(_ variant: Variant, agents: Int) -> Int {
        variant == .waiting ? 2 * (agents - 1) : 0
    }

    func measureAwaits(_ scratch: Scratch) async throws -> [AwaitsRow] {
        var rows: [AwaitsRow] = []
        for variant in try selectedVariants() {
            let n = variant.talks ? turns : awaits
            for count in try Self.agentCounts(agents, option: "--agents", for: variant) {
                let program = try Self.societyProgram(variant, agents: count, awaits: n)
                for kind in try selectedStores() {
                    let dir = try scratch.fresh("awaits-\(variant)-\(count)-\(kind)")
                    let store = try BenchDurabilityCommand.open(kind, .process, in: dir)
                    // The warm-up run: untimed; its records and snapshots are the ones measured (every run writes the same).
                    let warm = try ExecutionID(validating: "warm")
                    _ = try await BenchDurabilityCommand.timedRun(
                        program, store: store, id: warm.rawValue, expect: "\(n)", answering: variant.talks)
                    let journal = try await store.readJournal(warm, from: 1)
                    var row = AwaitsRow(variant: variant, agents: count, store: kind, iterations: n, records: journal.records.count)
                    row.journalBytes = journal.records.reduce(0) { $0 + $1.payload.count }
                    for s in try await store.snapshotSequences(warm) {
                        if let snap = try await store.latestSnapshot(warm, atOrBefore: s), snap.sequence == s {
                            row.snapshots.append(try SnapshotParts(sequence: s, bytes: snap.bytes))
                        }
                    }
                    if kind == .files {
                        let executionDir = "\(dir)/journal/\(warm.rawValue)"
                        row.filesOnDisk =
                            BenchDurabilityCommand.fileSize("\(executionDir)/journal")
                            + (try FileManager.default.contentsOfDirectory(atPath: "\(executionDir)/snapshots"))
                            .reduce(0) { $0 + BenchDurabilityCommand.fileSize("\(executionDir)/snapshots/\($1)") }
                    }
                    let setup = Self.setupRecords(variant, agents: count)
                    row.steadyFrom = setup + max(1, (row.records - setup) / 10)
                    for r in 0..<runs {
                        let probe = CheckpointClock()
                        let t = try await BenchDurabilityCommand.timedRun(
                            program, store: store, id: "run-\(r)", expect: "\(n)",
                            onEvent: { event in
                                if case .checkpointed(let s) = event {
                                    probe.at[s] = probe.clock.now
                                    probe.last = s
                                }
                            }, answering: variant.talks)
                        guard probe.last == row.records, let from = probe.at[row.steadyFrom], let to = probe.at[probe.last] else {
                            throw BenchDurabilityCommand.BenchFailure(
                                description: "run \(r) of \(variant) \(count) wrote \(probe.last) records, the warm-up \(row.records)")
                        }
                        row.wallUs.append(t.wall * 1e6 / Double(row.records))
                        row.cpuUs.append(t.cpu * 1e6 / Double(row.records))
                        row.steadyUs.append(Self.seconds(to - from) * 1e6 / Double(probe.last - row.steadyFrom))
                    }
                    rows.append(row)
                }
            }
        }
        return rows
    }

    /// The reports of the per-await measurement: time (a), bytes (b), snapshots (c).
    func awaitsSections(_ scratch: Scratch) async throws -> [BenchSection] {
        let rows = try await measureAwaits(scratch)
        // What each row is compared with: the working agent alone (idle, 1 agent) for idle and waiting;
        // for spread and chat (whose awaits are other awaits) the variant's smallest society.
        let group = { (row: AwaitsRow) in "\(row.variant == .waiting ? .idle : row.variant)-\(row.store)" }
        var baseline: [String: Double] = [:]
        for row in rows where baseline[group(row)] == nil && (row.variant != .idle || row.agents == 1) && row.variant != .waiting {
            baseline[group(row)] = Self.median(row.wallUs)
        }
        var time: [String] = [
            "",
            "a. time per await: `run()` of the whole execution (start excluded), median of \(runs); "
                + "steady = from the checkpoint of record S (past the setup and a tenth of the loop) to the last one; "
                + "base = the working agent alone (idle, 1 agent); for spread and chat their smallest society",
            "   variant  agents  store   records  awaits/iter  us/await  vs base     steady us/await  (from S)  CPU us/await  us/iteration",
        ]
        for row in rows {
            let wall = Self.median(row.wallUs)
            let ratio = baseline[group(row)].map { Self.fmt(wall / $0, 2) + "x" } ?? "-"
            time.append(
                "   \(Self.pad(row.variant.rawValue, 7))  \(Self.lpad("\(row.agents)", 6))  \(Self.pad(row.store.rawValue, 6))  "
                    + "\(Self.lpad("\(row.records)", 7))  \(Self.lpad(Self.fmt(Double(row.records) / Double(row.iterations), 2), 11))  "
                    + "\(Self.lpad(Self.fmt(wall, 1), 8))  \(Self.lpad(ratio, 10))  \(Self.lpad(Self.fmt(Self.median(row.steadyUs), 1), 15))  "
                    + "\(Self.lpad("\(row.steadyFrom)", 8))  \(Self.lpad(Self.fmt(Self.median(row.cpuUs), 1), 12))  "
                    + "\(Self.lpad(Self.fmt(wall * Double(row.records) / Double(row.iterations), 1), 12))")
        }
        // Bytes and snapshots are the same in both stores (the payloads); one row per variant and size.
        var seen = Set<String>()
        var byVariant: [AwaitsRow] = []
        for row in rows where seen.insert("\(row.variant)-\(row.agents)").inserted {
            var merged = row
            merged.filesOnDisk = rows.first { $0.variant == row.variant && $0.agents == row.agents && $0.filesOnDisk != nil }?.filesOnDisk
            byVariant.append(merged)
        }
        var bytes: [String] = [
            "",
            "b. bytes per await: journal = record payloads (readJournal), snapshots = every snapshot written "
                + "(snapshotSequences + latestSnapshot), over all records of the run",
            "   variant  agents  records  journal B/await  snapshot B/await  total B/await  snapshots  at records            files store on disk B/await",
        ]
        for row in byVariant {
            let sequences = row.snapshots.map { "\($0.sequence)" }
            let at =
                sequences.count <= 5
                ? sequences.joined(separator: ",") : "\(sequences.prefix(3).joined(separator: ",")),...,\(sequences.last ?? "")"
            bytes.append(
                "   \(Self.pad(row.variant.rawValue, 7))  \(Self.lpad("\(row.agents)", 6))  \(Self.lpad("\(row.records)", 7))  "
                    + "\(Self.lpad(Self.fmt(row.journalPerAwait, 1), 15))  \(Self.lpad(Self.fmt(row.snapshotPerAwait, 1), 16))  "
                    + "\(Self.lpad(Self.fmt(row.totalPerAwait, 1), 13))  \(Self.lpad("\(row.snapshots.count)", 9))  \(Self.pad(at, 20))  "
                    + "\(Self.lpad(row.filesOnDisk.map { Self.fmt(Double($0) / Double(row.records), 1) } ?? "-", 27))")
        }
        var snapshots: [String] = [
            "",
            "c. one society snapshot (KB = 1,000 bytes): the first (record 0, every agent as loaded) and the last of the run",
            "   variant  agents  first KB  last KB  last: host state B  main agent KB  each other agent KB (mean)  others / total",
        ]
        for row in byVariant {
            guard let first = row.snapshots.first, let last = row.snapshots.last else { continue }
            let others = last.agents.dropFirst().reduce(0, +)
            snapshots.append(
                "   \(Self.pad(row.variant.rawValue, 7))  \(Self.lpad("\(row.agents)", 6))  \(Self.lpad(Self.fmt(Double(first.total) / 1000, 1), 8))  "
                    + "\(Self.lpad(Self.fmt(Double(last.total) / 1000, 1), 7))  \(Self.lpad("\(last.state)", 18))  "
                    + "\(Self.lpad(Self.fmt(Double(last.agents[0]) / 1000, 1), 13))  \(Self.lpad(Self.fmt(last.otherAgentMean / 1000, 1), 26))  "
                    + "\(Self.lpad(Self.fmt(100 * Double(others) / Double(last.total), 0) + " %", 14))")
        }
        let timeJSON = rows.map { row -> [String: Any] in
            [
                "variant": row.variant.rawValue, "agents": row.agents, "store": row.store.rawValue, "iterations": row.iterations,
                "records": row.records, "us_per_await": row.wallUs, "cpu_us_per_await": row.cpuUs, "steady_us_per_await": row.steadyUs,
                "steady_from_record": row.steadyFrom, "median_us_per_await": Self.median(row.wallUs),
            ]
        }
        let bytesJSON = byVariant.map { row -> [String: Any] in
            var o: [String: Any] = [
                "variant": row.variant.rawValue, "agents": row.agents, "records": row.records, "journal_bytes": row.journalBytes,
                "journal_bytes_per_await": row.journalPerAwait, "snapshot_bytes_per_await": row.snapshotPerAwait,
                "total_bytes_per_await": row.totalPerAwait, "snapshot_sequences": row.snapshots.map(\.sequence),
                "snapshot_bytes": row.snapshots.map(\.total), "snapshot_state_bytes": row.snapshots.map(\.state),
                "snapshot_agent_bytes": row.snapshots.map(\.agents),
            ]
            if let f = row.filesOnDisk { o["files_store_bytes_on_disk"] = f }
            return o
        }
        return [
            BenchSection(key: "time", lines: time, json: timeJSON),
            BenchSection(key: "bytes", lines: bytes + snapshots, json: bytesJSON),
        ]
    }
}
