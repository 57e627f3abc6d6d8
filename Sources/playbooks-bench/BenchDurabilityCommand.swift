import ArgumentParser
import Foundation

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
struct BenchDurabilityCommand: AsyncParsableCommand, BenchCommandSupport {
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
        _ = try Self.integers(concurrency, option: "--concurrency")
        _ = try Self.integers(namespaces, option: "--namespaces")
        for section in only.split(separator: ",") where !["cost", "concurrency", "bytes", "resume"].contains(section) {
            throw ValidationError("--only: unknown section '\(section)'")
        }
    }

    func run() async throws {
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
        for section in try await sections(scratch, fsyncUs: fsyncUs) {
            text += section.lines
            object[section.key] = section.json
        }
        if json {
            let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        } else {
            print(text.joined(separator: "\n"))
        }
    }

    /// The sections `--only` asks for, measured in the report's order.
    func sections(_ scratch: Scratch, fsyncUs: Double) async throws -> [BenchSection] {
        let wanted = Set(only.split(separator: ",").map(String.init))
        var sections: [BenchSection] = []
        if wanted.contains("cost") { sections.append(try await costSection(scratch, fsyncUs: fsyncUs)) }
        if wanted.contains("concurrency") { sections.append(try await concurrencySection(scratch, fsyncUs: fsyncUs)) }
        if wanted.contains("bytes") { sections.append(try await bytesSection(scratch)) }
        if wanted.contains("resume") { sections.append(try await resumeSection(scratch)) }
        return sections
    }
}

/// One measured section of the report: its text lines and its rows for `--json` under `key`.
struct BenchSection {
    var key: String
    var lines: [String]
    var json: [[String: Any]]
}
