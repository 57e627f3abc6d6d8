import ArgumentParser
import Foundation
import PlaybooksDurability
import PlaybooksLanguage
import PlaybooksRuntime
import PlaybooksStores

#if canImport(Glibc)
    import Glibc
#endif

/// `playbooks-bench durability`: what durable runs cost, measured through the public runtime API.
///
/// Four measurements, all in one process and in fresh temporary directories:
/// - **cost**: `for i in range(N): await Step(f"S:{i}")` with durability off (``MemoryCheckpointStore``),
///   at `process` and at `machine`, on the SQLite and the files store: microseconds per await and
///   what each level adds over off. A bare VM answering the same awaits directly is the floor.
/// - **concurrency**: 1, 10, 100 executions at `machine` in one process (one child task per
///   runner, one store): awaits per second and wall time per await, against one measured fsync.
/// - **bytes**: a namespace of 1 KB … 1 MB, then N awaits that each change a small value: journal
///   payload bytes per await, snapshot bytes amortised per await (default ``SnapshotPolicy``).
/// - **resume**: the state a crash after checkpoint K leaves is rebuilt in a fresh store, then
///   timed from opening the store to the first resumed statement (a `Say` reported live).
struct BenchDurabilityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "durability",
        abstract: "Benchmarks of durable runs: per-await cost, concurrency, bytes per await, resume (for Benchmarks/)."
    )

    @Option(help: "Awaits per run at durability off and process.")
    var processAwaits: Int = 2000

    @Option(help: "Awaits per run at machine (every await is fsynced).")
    var machineAwaits: Int = 300

    @Option(help: "Timed runs of each cost configuration (the median is reported; one untimed warm-up first).")
    var runs: Int = 5

    @Option(help: "Timed runs of each machine-level cost configuration.")
    var machineRuns: Int = 3

    @Option(help: "Concurrent executions to measure at machine level, comma-separated.")
    var concurrency: String = "1,10,100"

    @Option(help: "Awaits of each concurrent execution.")
    var concurrentAwaits: Int = 200

    @Option(help: "Namespace sizes in KiB for the bytes-per-await measurement, comma-separated.")
    var namespaces: String = "1,10,100,1024"

    @Option(help: "Awaits of the bytes-per-await runs.")
    var bytesAwaits: Int = 2000

    @Option(help: "Timed resumes of each resume case.")
    var resumeRuns: Int = 7

    @Option(help: "Sections to run, comma-separated: cost, concurrency, bytes, resume.")
    var only: String = "cost,concurrency,bytes,resume"

    @Option(help: "Directory for the stores (default: a new one under the system temporary directory).")
    var directory: String?

    @Flag(help: "Keep the stores after the run.")
    var keep = false

    @Flag(help: "Print one JSON object instead of the text report.")
    var json = false

    func validate() throws {
        guard processAwaits >= 1, machineAwaits >= 1, concurrentAwaits >= 1, bytesAwaits >= 1 else {
            throw ValidationError("await counts must be at least 1")
        }
        guard runs >= 1, machineRuns >= 1, resumeRuns >= 1 else { throw ValidationError("need at least one run") }
        _ = try Self.intList(concurrency, "--concurrency")
        _ = try Self.intList(namespaces, "--namespaces")
        for section in only.split(separator: ",") where !["cost", "concurrency", "bytes", "resume"].contains(section) {
            throw ValidationError("--only: unknown section '\(section)'")
        }
    }

    static func intList(_ text: String, _ name: String) throws -> [Int] {
        try text.split(separator: ",").map {
            guard let n = Int($0.trimmingCharacters(in: .whitespaces)), n >= 0 else {
                throw ValidationError("\(name): '\($0)' is not a non-negative integer")
            }
            return n
        }
    }

    // MARK: Programs

    /// `for i in range(n): await Step(...)`, nothing else.
    static func awaitsProgram(_ n: Int) -> ExecutionProgram {
        inline(
            """
            @playbook
            async def Main():
                for i in range(\(n)):
                    await Step(f"S:{i}")
                return \(n)
            """, name: "bench_awaits")
    }

    /// Builds a namespace of about `kib` KiB (`kib` strings of 1 KiB in a global list), then `n`
    /// awaits, each after changing one global int.
    static func namespaceProgram(kib: Int, awaits n: Int) -> ExecutionProgram {
        inline(
            """
            data = [str(i) + "x" * (1024 - len(str(i))) for i in range(\(kib))]
            counter = 0

            @playbook
            async def Main():
                global counter
                for i in range(\(n)):
                    counter = i
                    await Step(f"S:{i}")
                return len(data)
            """, name: "bench_namespace_\(kib)k")
    }

    /// The resume program: a namespace of `kib` KiB, `tail` steps, then a `Say` (record `tail + 1`,
    /// the first statement a resume after checkpoint `tail` runs live), then a few more steps.
    /// `Benchmarks/durability.sh` writes the same Python into a `.pb` for the whole-process timing.
    static func resumeProgram(kib: Int, tail: Int) -> ExecutionProgram {
        inline(
            """
            data = [str(i) + "x" * (1024 - len(str(i))) for i in range(\(kib))]

            @playbook
            async def Main():
                for i in range(\(tail + 5)):
                    if i == \(tail):
                        await Say("user", "first resumed statement")
                    await Step(f"S:{i}")
                return len(data)
            """, name: "bench_resume_\(kib)k_\(tail)")
    }

    static func inline(_ source: String, name: String) -> ExecutionProgram {
        ExecutionProgram(path: "\(name).py", text: source, agent: "Bench", pythonSource: source, entry: "Main")
    }

    // MARK: Stores

    enum Kind: String, CaseIterable {
        case sqlite, files
    }

    static func open(_ kind: Kind, _ durability: DurabilityLevel, in dir: String) throws -> any CheckpointStore {
        switch kind {
        case .sqlite: return try openStore(.sqlite(path: "\(dir)/state.db"), durability: durability, failpoints: Failpoints())
        case .files: return try openStore(.files(directory: "\(dir)/journal"), durability: durability, failpoints: Failpoints())
        }
    }

    final class Scratch {
        let root: String
        private var counter = 0
        let keep: Bool

        init(directory: String?, keep: Bool) throws {
            if let directory {
                root = directory
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } else {
                let base = FileManager.default.temporaryDirectory.path
                root = "\(base)/playbooks-bench-durability-\(getpid())"
                try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            }
            self.keep = keep
        }

        /// A new empty directory under the root.
        func fresh(_ label: String) throws -> String {
            counter += 1
            let path = "\(root)/\(counter)-\(label)"
            try? FileManager.default.removeItem(atPath: path)
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            return path
        }

        func cleanUp() {
            if !keep { try? FileManager.default.removeItem(atPath: root) }
        }
    }

    // MARK: Running

    struct BenchFailure: Error, CustomStringConvertible {
        var description: String
    }

    /// Starts an execution of `program` in `store` and runs it to the end; returns the seconds `run()` took.
    static func runToEnd(
        _ program: ExecutionProgram, store: any CheckpointStore, id: String, expect: String,
        policy: SnapshotPolicy = SnapshotPolicy()
    ) async throws -> Double {
        try await timedRun(program, store: store, id: id, expect: expect, policy: policy).wall
    }

    /// CPU time (user + system, all threads) this process has used so far, in seconds.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        return user + system
    }

    /// As ``runToEnd(_:store:id:expect:policy:)``, also returning the process CPU time `run()` took
    /// (includes the store's own threads; a measure that load from other processes barely moves).
    static func timedRun(
        _ program: ExecutionProgram, store: any CheckpointStore, id: String, expect: String,
        policy: SnapshotPolicy = SnapshotPolicy()
    ) async throws -> (wall: Double, cpu: Double) {
        let runner = try await ExecutionRunner.start(
            program: program, store: store, id: try ExecutionID(validating: id),
            options: RunnerOptions(policy: policy).with(failpoints: Failpoints()))
        defer { runner.close() }
        let clock = ContinuousClock()
        let c0 = cpuSeconds()
        let t0 = clock.now
        let outcome = try await runner.run()
        let seconds = Self.seconds(clock.now - t0)
        let cpu = cpuSeconds() - c0
        guard case .finished(let result) = outcome, result.repr == expect else {
            throw BenchFailure(description: "execution \(id) ended with \(outcome), expected result \(expect)")
        }
        return (seconds, cpu)
    }

    /// The same awaits answered by a bare VM: no runtime, no records, no snapshots.
    static func bareVM(_ n: Int) throws -> Double {
        let source = """
            async def Main():
                for i in range(\(n)):
                    await Step(f"S:{i}")
                return \(n)
            result = await Main()
            """
        let vm = VirtualMachine()
        vm.registerHostFunction("Step")
        try vm.load(source: source, filename: "<bench-vm>")
        let clock = ContinuousClock()
        let t0 = clock.now
        var awaits = 0
        loop: while true {
            switch vm.run() {
            case .suspended:
                awaits += 1
                vm.resume(returning: .none)
            case .awaitPoint: continue
            case .finished: break loop
            case .failed(let e): throw BenchFailure(description: "bare VM failed: \(e)")
            }
        }
        let s = seconds(clock.now - t0)
        guard awaits == n else { throw BenchFailure(description: "bare VM awaited \(awaits) times, expected \(n)") }
        return s
    }

    /// Median of `pwrite(100 bytes)` + `fdatasync` on a file in `dir`, in microseconds.
    static func fsyncMicroseconds(in dir: String, samples: Int = 100) -> Double {
        let path = "\(dir)/fsync-probe"
        let fd = Glibc.open(path, O_RDWR | O_CREAT | O_APPEND, 0o644)
        guard fd >= 0 else { return .nan }
        defer {
            close(fd)
            unlink(path)
        }
        let bytes = [UInt8](repeating: 0x61, count: 100)
        var xs: [Double] = []
        let clock = ContinuousClock()
        for _ in 0..<(samples + 5) {
            let t0 = clock.now
            _ = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            _ = fdatasync(fd)
            xs.append(seconds(clock.now - t0) * 1e6)
        }
        return median(Array(xs.dropFirst(5)))
    }

    // MARK: a. Per-await cost

    struct CostRow {
        var label: String
        var awaits: Int
        var usPerAwait: Double
        var addedUs: Double?
        var runsUs: [Double]
        var cpuUs: Double?
        var overVMUs: Double?
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
            _ = try await Self.runToEnd(program, store: store, id: "off-warm-\(n)", expect: "\(n)")
            var offTimes: [Double] = []
            var offCPU: [Double] = []
            for r in 0..<runs {
                let t = try await Self.timedRun(program, store: store, id: "off-\(n)-\(r)", expect: "\(n)")
                offTimes.append(t.wall * 1e6 / Double(n))
                offCPU.append(t.cpu * 1e6 / Double(n))
            }
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
                _ = try await Self.runToEnd(program, store: store, id: "warm", expect: "\(n)")
                var times: [Double] = []
                var cpu: [Double] = []
                for r in 0..<count {
                    let t = try await Self.timedRun(program, store: store, id: "run-\(r)", expect: "\(n)")
                    times.append(t.wall * 1e6 / Double(n))
                    cpu.append(t.cpu * 1e6 / Double(n))
                }
                let m = Self.median(times)
                rows.append(
                    CostRow(
                        label: "\(level.rawValue) \(kind.rawValue)", awaits: n, usPerAwait: m, addedUs: m - (offAt[n] ?? 0), runsUs: times,
                        cpuUs: Self.median(cpu), overVMUs: m - (vmAt[n] ?? 0)))
            }
        }
        return rows
    }

    // MARK: b. Concurrency

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
        let counts = try Self.intList(concurrency, "--concurrency").filter { $0 > 0 }
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

    // MARK: c. Bytes per await

    struct BytesRow {
        var namespaceKiB: Int
        var awaits: Int
        var records: Int
        var journalBytes: Int
        var snapshots: [(sequence: Int, bytes: Int)]
        var filesOnDisk: Int
        var usPerAwait: Double
        var snapshotBytes: Int { snapshots.reduce(0) { $0 + $1.bytes } }
        var journalPerAwait: Double { Double(journalBytes) / Double(awaits) }
        var snapshotPerAwait: Double { Double(snapshotBytes) / Double(awaits) }
        var totalPerAwait: Double { journalPerAwait + snapshotPerAwait }
    }

    /// What changes per await: the step id (`S:` and up to 4 digits) and one int.
    static let changedBytes = 14

    func measureBytes(_ scratch: Scratch) async throws -> [BytesRow] {
        var rows: [BytesRow] = []
        let n = bytesAwaits
        for kib in try Self.intList(namespaces, "--namespaces") {
            let program = Self.namespaceProgram(kib: kib, awaits: n)
            let id = try ExecutionID(validating: "bytes-\(kib)")
            let store = try Self.open(.sqlite, .process, in: try scratch.fresh("bytes-sqlite-\(kib)"))
            let seconds = try await Self.runToEnd(program, store: store, id: id.rawValue, expect: "\(kib)")
            let journal = try await store.readJournal(id, from: 1)
            var snapshots: [(sequence: Int, bytes: Int)] = []
            for s in try await store.snapshotSequences(id) {
                if let snap = try await store.latestSnapshot(id, atOrBefore: s), snap.sequence == s {
                    snapshots.append((s, snap.bytes.count))
                }
            }
            // The same run in the files store, for the bytes it puts on disk (frame headers included).
            let filesDir = try scratch.fresh("bytes-files-\(kib)")
            let files = try Self.open(.files, .process, in: filesDir)
            _ = try await Self.runToEnd(program, store: files, id: id.rawValue, expect: "\(kib)")
            let executionDir = "\(filesDir)/journal/\(id.rawValue)"
            let onDisk =
                Self.fileSize("\(executionDir)/journal")
                + (try FileManager.default.contentsOfDirectory(atPath: "\(executionDir)/snapshots"))
                .reduce(0) { $0 + Self.fileSize("\(executionDir)/snapshots/\($1)") }
            rows.append(
                BytesRow(
                    namespaceKiB: kib, awaits: n, records: journal.records.count,
                    journalBytes: journal.records.reduce(0) { $0 + $1.payload.count }, snapshots: snapshots, filesOnDisk: onDisk,
                    usPerAwait: seconds * 1e6 / Double(n)))
        }
        return rows
    }

    static func fileSize(_ path: String) -> Int {
        var st = stat()
        return stat(path, &st) == 0 ? Int(st.st_size) : 0
    }

    // MARK: d. Resume

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

    // MARK: Report

    func run() async throws {
        let sections = Set(only.split(separator: ",").map(String.init))
        let scratch = try Scratch(directory: directory, keep: keep)
        defer { scratch.cleanUp() }
        let load =
            (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
        let fsyncUs = Self.fsyncMicroseconds(in: try scratch.fresh("fsync"))
        var object: [String: Any] = [
            "cpus": ProcessInfo.processInfo.activeProcessorCount, "load_average_before": load, "directory": scratch.root,
            "fsync_us": fsyncUs,
        ]
        var text: [String] = []
        text.append(
            "durability benchmarks: \(ProcessInfo.processInfo.activeProcessorCount) CPUs, load average \(load), stores under \(scratch.root)"
        )
        text.append("reference: one fsync (100-byte append + fdatasync) = \(Self.fmt(fsyncUs, 0)) us (median of 100)")

        if sections.contains("cost") {
            let rows = try await measureCost(scratch)
            text.append("")
            text.append(
                "a. per-await cost: `for i in range(N): await Step(f\"S:{i}\")`, median of \(runs) runs (\(machineRuns) at machine)")
            text.append("   configuration            awaits    us/await  added vs off  over bare VM  CPU us/await  target (wall, vs off)")
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
                text.append(
                    "   \(Self.pad(row.label, 24)) \(Self.lpad("\(row.awaits)", 6))  \(Self.lpad(Self.fmt(row.usPerAwait, 1), 10))  "
                        + "\(Self.lpad(row.addedUs.map { Self.signed($0) } ?? "", 12))  \(Self.lpad(row.overVMUs.map { Self.signed($0) } ?? "", 12))  "
                        + "\(Self.lpad(row.cpuUs.map { Self.fmt($0, 1) } ?? "", 12))  \(target)")
            }
            object["cost"] = rows.map { row -> [String: Any] in
                var o: [String: Any] = [
                    "configuration": row.label, "awaits": row.awaits, "us_per_await": row.usPerAwait, "runs_us_per_await": row.runsUs,
                ]
                if let a = row.addedUs { o["added_us_per_await"] = a }
                if let c = row.cpuUs { o["cpu_us_per_await"] = c }
                if let v = row.overVMUs { o["over_bare_vm_us_per_await"] = v }
                return o
            }
        }

        if sections.contains("concurrency") {
            let rows = try await measureConcurrency(scratch)
            text.append("")
            text.append("b. concurrency at machine level: C executions in one process, \(concurrentAwaits) awaits each, one store")
            text.append("   store   executions   awaits   wall ms   awaits/s   wall us/await   fsyncs/await  commits  awaits/commit")
            for row in rows {
                let commits = row.commits.map { "\($0)" } ?? "-"
                let perCommit = row.commits.map { Self.fmt(Double(row.awaits) / Double(max($0, 1)), 1) } ?? "-"
                text.append(
                    "   \(Self.pad(row.store.rawValue, 7)) \(Self.lpad("\(row.executions)", 10))  \(Self.lpad("\(row.awaits)", 7))  "
                        + "\(Self.lpad(Self.fmt(row.wallMs, 0), 8))  \(Self.lpad(Self.fmt(row.awaitsPerSecond, 0), 9))  "
                        + "\(Self.lpad(Self.fmt(row.usPerAwait, 1), 14))  \(Self.lpad(Self.fmt(row.usPerAwait / fsyncUs, 2), 13))  "
                        + "\(Self.lpad(commits, 7))  \(Self.lpad(perCommit, 13))")
            }
            text.append("   (fsyncs/await = wall time per await / one fsync; commits = SQLite group-commit transactions of appends)")
            object["concurrency"] = rows.map { row -> [String: Any] in
                var o: [String: Any] = [
                    "store": row.store.rawValue, "executions": row.executions, "awaits": row.awaits, "wall_ms": row.wallMs,
                    "awaits_per_second": row.awaitsPerSecond, "wall_us_per_await": row.usPerAwait,
                ]
                if let c = row.commits { o["append_commits"] = c }
                return o
            }
        }

        if sections.contains("bytes") {
            let rows = try await measureBytes(scratch)
            text.append("")
            text.append(
                "c. bytes per await: a namespace of K KiB (K strings of 1 KiB), then \(bytesAwaits) awaits each changing one int "
                    + "and the step id; default SnapshotPolicy (everyRecords 64)")
            text.append(
                "   namespace  snapshot KB  snapshots  journal B/await  snapshot B/await  total B/await  target  met  files store on disk B/await  us/await"
            )
            let target = 200 + Self.changedBytes
            for row in rows {
                let lastKB = Double(row.snapshots.last?.bytes ?? 0) / 1000
                text.append(
                    "   \(Self.lpad("\(row.namespaceKiB) KiB", 9))  \(Self.lpad(Self.fmt(lastKB, 1), 11))  \(Self.lpad("\(row.snapshots.count)", 9))  "
                        + "\(Self.lpad(Self.fmt(row.journalPerAwait, 1), 15))  \(Self.lpad(Self.fmt(row.snapshotPerAwait, 1), 16))  "
                        + "\(Self.lpad(Self.fmt(row.totalPerAwait, 1), 13))  \(Self.lpad("<= \(target)", 6))  \(row.totalPerAwait <= Double(target) ? "yes" : " NO")  "
                        + "\(Self.lpad(Self.fmt(Double(row.filesOnDisk) / Double(row.awaits), 1), 28))  \(Self.lpad(Self.fmt(row.usPerAwait, 1), 8))"
                )
            }
            text.append(
                "   (journal = record payloads read back with readJournal; snapshots = every snapshot kept, at sequences "
                    + rows.map { "\($0.namespaceKiB) KiB: \($0.snapshots.map { "\($0.sequence)" }.joined(separator: ","))" }.joined(
                        separator: "; ")
                    + "; target = 200 + \(Self.changedBytes) bytes changed)")
            object["bytes"] = rows.map { row -> [String: Any] in
                [
                    "namespace_kib": row.namespaceKiB, "awaits": row.awaits, "records": row.records, "journal_bytes": row.journalBytes,
                    "snapshot_sequences": row.snapshots.map(\.sequence), "snapshot_bytes": row.snapshots.map(\.bytes),
                    "journal_bytes_per_await": row.journalPerAwait, "snapshot_bytes_per_await": row.snapshotPerAwait,
                    "total_bytes_per_await": row.totalPerAwait, "files_store_bytes_on_disk": row.filesOnDisk,
                    "us_per_await_process_sqlite": row.usPerAwait, "target_bytes_per_await": target,
                ]
            }
        }

        if sections.contains("resume") {
            let rows = try await measureResume(scratch)
            text.append("")
            text.append(
                "d. resume in-process: open the store, ExecutionRunner.resume, run to the first live statement "
                    + "(a Say after checkpoint K), process level, median of \(resumeRuns)")
            text.append(
                "   program         store   snapshot at  replayed   total ms   (min)   open ms  resume() ms  replay+first ms  target < 20 ms"
            )
            for row in rows {
                let total = Self.median(row.totalMs)
                text.append(
                    "   \(Self.pad(row.label, 14))  \(Self.pad(row.store.rawValue, 6))  \(Self.lpad("\(row.snapshotAt)", 11))  "
                        + "\(Self.lpad("\(row.replayed)", 8))  \(Self.lpad(Self.fmt(total, 2), 9))  \(Self.lpad(Self.fmt(row.totalMs.min() ?? 0, 2), 6))  "
                        + "\(Self.lpad(Self.fmt(Self.median(row.openMs), 2), 8))  \(Self.lpad(Self.fmt(Self.median(row.restoreMs), 2), 11))  "
                        + "\(Self.lpad(Self.fmt(Self.median(row.replayMs), 2), 15))  \(total < 20 ? "yes" : "NO")")
            }
            object["resume_in_process"] = rows.map { row -> [String: Any] in
                [
                    "program": row.label, "store": row.store.rawValue, "namespace_kib": row.namespaceKiB, "k": row.tail,
                    "snapshot_at": row.snapshotAt, "replayed": row.replayed, "total_ms": row.totalMs, "open_ms": row.openMs,
                    "resume_ms": row.restoreMs, "replay_to_first_statement_ms": row.replayMs,
                    "median_total_ms": Self.median(row.totalMs),
                ]
            }
        }

        if json {
            let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        } else {
            print(text.joined(separator: "\n"))
        }
    }

    // MARK: Helpers

    static func seconds(_ d: Duration) -> Double {
        let c = d.components
        return Double(c.seconds) + Double(c.attoseconds) / 1e18
    }

    static func median(_ xs: [Double]) -> Double {
        let s = xs.sorted()
        guard !s.isEmpty else { return .nan }
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    static func fmt(_ x: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", x) }

    static func signed(_ x: Double) -> String { (x >= 0 ? "+" : "") + fmt(x, 1) }

    static func pad(_ s: String, _ width: Int) -> String { s + String(repeating: " ", count: max(0, width - s.count)) }

    static func lpad(_ s: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - s.count)) + s }
}
