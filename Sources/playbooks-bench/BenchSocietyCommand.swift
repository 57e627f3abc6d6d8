import ArgumentParser
import Foundation
import PlaybooksDurability
import PlaybooksRuntime

/// `playbooks-bench society`: what idle agents cost an execution whose one agent works.
///
/// Societies of 1, 10, 50 agents (`.pb` programs with one `# Name` heading per agent) in which the
/// main agent awaits N times in a loop (`await Step(...)`) and the other agents do nothing (see
/// ``Variant``: never started, waiting for a message, or — `spread` — one of them serving a call
/// of its public playbook in every iteration; `chat`: the main agent waits for a message from the
/// user in each iteration, which the benchmark gives it), at durability `process` with the default
/// ``SnapshotPolicy``, on the SQLite and the files store, all in one process:
/// - **awaits**: microseconds per await (every await is one journal record) of `run()`, also
///   after the first tenth of the records (past the start and the first snapshot), and CPU time;
///   journal and snapshot bytes per await; the size of the society snapshots and of each agent's
///   part of them.
/// - **resume**: the state a crash after the N-th await of the loop leaves is rebuilt in a fresh
///   store, then timed from opening the store through `ExecutionRunner.resume` to the first live
///   statement and to the end of the run (as `playbooks-bench durability`'s resume section does).
///
/// The helpers are `playbooks-bench durability`'s (stores, scratch directories, timed runs).
struct BenchSocietyCommand: AsyncParsableCommand, BenchCommandSupport {
    static let configuration = CommandConfiguration(
        commandName: "society",
        abstract: "Benchmarks of societies of agents: whether idle agents make an await dearer (for Benchmarks/)."
    )

    typealias Kind = BenchDurabilityCommand.Kind
    typealias Scratch = BenchDurabilityCommand.Scratch

    @Option(help: "Agents per society, comma-separated (the main agent included).")
    var agents: String = "1,10,50"

    @Option(help: "Iterations of the main agent's loop (awaits of the working agent).")
    var awaits: Int = 1000

    @Option(help: "Iterations of the main agent's loop in the chat variant (user turns: each writes a snapshot).")
    var turns: Int = 100

    @Option(help: "Timed runs of each configuration (the median is reported; one untimed warm-up first).")
    var runs: Int = 5

    @Option(help: "Variants, comma-separated: idle, waiting, spread, chat.")
    var variants: String = "idle,waiting,spread,chat"

    @Option(help: "Stores, comma-separated: sqlite, files.")
    var stores: String = "sqlite,files"

    @Option(help: "Agents per society of the resume measurement, comma-separated.")
    var resumeAgents: String = "1,10,50"

    @Option(help: "Timed resumes of each resume case.")
    var resumeRuns: Int = 7

    @Option(help: "Sections to run, comma-separated: awaits, resume.")
    var only: String = "awaits,resume"

    @Option(help: "Directory for the stores (default: a new one under the system temporary directory).")
    var directory: String?

    @Flag(help: "Keep the stores after the run.")
    var keep = false

    @Flag(help: "Print one JSON object instead of the text report.")
    var json = false

    func validate() throws {
        guard awaits >= 1, turns >= 1 else { throw ValidationError("--awaits and --turns must be at least 1") }
        guard runs >= 1, resumeRuns >= 1 else { throw ValidationError("need at least one run") }
        _ = try Self.integers(agents, option: "--agents", minimum: 1)
        _ = try Self.integers(resumeAgents, option: "--resume-agents", minimum: 1)
        _ = try selectedVariants()
        _ = try selectedStores()
        for section in only.split(separator: ",") where !["awaits", "resume"].contains(section) {
            throw ValidationError("--only: unknown section '\(section)'")
        }
    }

    func selectedVariants() throws -> [Variant] {
        try variants.split(separator: ",").map {
            guard let v = Variant(rawValue: String($0)) else { throw ValidationError("--variants: unknown variant '\($0)'") }
            return v
        }
    }

    func selectedStores() throws -> [Kind] {
        try stores.split(separator: ",").map {
            guard let k = Kind(rawValue: String($0)) else { throw ValidationError("--stores: unknown store '\($0)'") }
            return k
        }
    }

    func run() async throws {
        let scratch = try Scratch(directory: directory, keep: keep)
        defer { scratch.cleanUp() }
        let load =
            (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
        var object: [String: Any] = [
            "cpus": ProcessInfo.processInfo.activeProcessorCount, "load_average_before": load, "directory": scratch.root,
            "awaits": awaits,
        ]
        var text = [
            "society benchmarks: \(ProcessInfo.processInfo.activeProcessorCount) CPUs, load average \(load), stores under \(scratch.root)",
            "the main agent awaits N = \(awaits) times in a loop (chat: \(turns) user turns); durability process; "
                + "default SnapshotPolicy (everyRecords 64, journalFraction 1)",
        ]
        let wanted = Set(only.split(separator: ",").map(String.init))
        var sections: [BenchSection] = []
        if wanted.contains("awaits") { sections += try await awaitsSections(scratch) }
        if wanted.contains("resume") { sections.append(try await resumeSection(scratch)) }
        for section in sections {
            text += section.lines
            object[section.key] = section.json
        }
        object["load_average_after"] =
            (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
        if json {
            let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        } else {
            print(text.joined(separator: "\n"))
        }
    }
}
