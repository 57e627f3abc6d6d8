import Foundation
import Testing

/// A program for the end-to-end sweeps, written into each test's directory.
struct CLIProgram: Sendable, CustomTestStringConvertible {
    var name: String
    /// The `.pb` text.
    var text: String
    /// `playbooks.toml` beside it, if any.
    var configuration: String?

    var testDescription: String { name }

    /// `Examples/seed_scenario/seed_scenario.pb` and its `playbooks.toml`, as shipped.
    static var seedExample: CLIProgram {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Examples/seed_scenario")
        let text = (try? String(contentsOf: directory.appendingPathComponent("seed_scenario.pb"), encoding: .utf8)) ?? ""
        let configuration = try? String(contentsOf: directory.appendingPathComponent("playbooks.toml"), encoding: .utf8)
        return CLIProgram(name: "seed example", text: text, configuration: configuration)
    }

    static func python(_ name: String, _ source: String) -> CLIProgram {
        CLIProgram(name: name, text: "# Agent\n\n```python\n\(source)\n```\n", configuration: nil)
    }

    /// The seed scenario as shipped in `Examples/`, then the sweep programs with awaits in loops,
    /// try/finally and nested calls (`SweepPrograms.seed` is left out: it is the same scenario).
    static let sweep: [CLIProgram] =
        [seedExample] + SweepPrograms.all.filter { $0.name != "seed" }.map { python($0.name, $0.source) }

    /// Writes the program as `DIR/program.pb` (and its configuration); returns the program's path.
    func write(into directory: URL) throws -> String {
        let url = directory.appendingPathComponent("program.pb")
        try text.write(to: url, atomically: true, encoding: .utf8)
        if let configuration {
            try configuration.write(to: directory.appendingPathComponent("playbooks.toml"), atomically: true, encoding: .utf8)
        }
        return url.path
    }
}

/// The two stores, as `--store` values inside a test's directory.
enum CLIStore: String, Sendable, CaseIterable, CustomTestStringConvertible {
    case sqlite
    case files

    var testDescription: String { rawValue }

    func argument(in directory: URL) -> String {
        switch self {
        case .sqlite: return "sqlite:\(directory.appendingPathComponent("state.db").path)"
        case .files: return "files:\(directory.appendingPathComponent("journal").path)"
        }
    }
}

/// What a finished execution looks like from the outside: what its run printed, its durable
/// transcript, and its final state and result from `executions show --json`.
struct FinishedExecution {
    var stdout: [String]
    var transcript: String
    var state: NSDictionary
    var result: String?
    var status: String?
    var checkpoints: Int

    /// Reads the execution `id` (already finished) from `store`.
    static func read(
        _ id: String, store: String, in directory: URL, stdout: [String], countCheckpoints: Bool = false
    ) throws -> FinishedExecution {
        let transcript = try CLI.run(["executions", "show", id, "--store", store, "--transcript"], in: directory)
        #expect(transcript.status == 0, "show --transcript \(id): \(transcript)")
        let show = try CLI.run(["executions", "show", id, "--store", store, "--json"], in: directory)
        #expect(show.status == 0, "show --json \(id): \(show)")
        let report = try #require(try CLI.json(show) as? NSDictionary, "show --json \(id) printed no object: \(show)")
        let info = report["info"] as? NSDictionary
        let attributes = info?["attributes"] as? NSDictionary
        var checkpoints = 0
        if countCheckpoints {
            let list = try CLI.run(["checkpoints", "list", id, "--store", store, "--json", "--all"], in: directory)
            #expect(list.status == 0, "checkpoints list \(id): \(list)")
            let array = try #require(try CLI.json(list) as? [NSDictionary], "checkpoints list --json: \(list)")
            #expect(array.map { $0["counter"] as? Int } == Array(1...max(array.count, 1)).map { Optional($0) })
            checkpoints = array.count
        }
        return FinishedExecution(
            stdout: stdout, transcript: transcript.stdout, state: (report["state"] as? NSDictionary) ?? [:],
            result: attributes?["result"] as? String, status: (report["summary"] as? NSDictionary)?["status"] as? String,
            checkpoints: checkpoints)
    }
}

/// Crashes real `playbooks` processes with each failpoint at every checkpoint number, resumes them
/// with `playbooks resume`, and compares with the uninterrupted run.
@Suite("CLIDurability: crash sweeps over real processes")
struct CLIDurabilitySweepTests {
    enum Point: String, CaseIterable {
        case crashBefore = "crash-before-checkpoint"
        case crashAfter = "crash-after-checkpoint"
        case tornWrite = "torn-write"
    }

    /// Which (point, N) pairs run for `program` on `store`. The seed scenario gets the full matrix on
    /// both stores; the other programs get every N with crash-before and crash-after on SQLite, and
    /// the first, a middle and the last N for the other combinations (the store-level behaviour
    /// is the same for every program). `PLAYBOOKS_CLI_FULL_SWEEP=1` runs the full matrix everywhere.
    static func plan(program: CLIProgram, store: CLIStore, checkpoints: Int) -> [(Point, Int)] {
        let all = Array(1...checkpoints)
        let full = program.name == CLIProgram.seedExample.name || ProcessInfo.processInfo.environment["PLAYBOOKS_CLI_FULL_SWEEP"] == "1"
        if full { return Point.allCases.flatMap { p in all.map { (p, $0) } } }
        let few = Array(Set([1, (checkpoints + 1) / 2, checkpoints])).sorted()
        switch store {
        case .sqlite:
            return all.map { (.crashBefore, $0) } + all.map { (.crashAfter, $0) } + few.map { (.tornWrite, $0) }
        case .files:
            return Point.allCases.flatMap { p in few.map { (p, $0) } }
        }
    }

    @Test(arguments: CLIProgram.sweep, CLIStore.allCases)
    func crashAtEveryCheckpointThenResume(program: CLIProgram, store: CLIStore) throws {
        let directory = try CLI.temporaryDirectory("sweep")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try program.write(into: directory)
        let storeArgument = store.argument(in: directory)

        let base = try CLI.run(["run", path, "--store", storeArgument, "--id", "baseline"], in: directory)
        try #require(base.status == 0 && base.exited, "uninterrupted run: \(base)")
        let expected = try FinishedExecution.read(
            "baseline", store: storeArgument, in: directory, stdout: base.lines, countCheckpoints: true)
        try #require(expected.checkpoints >= 5, "\(program.name) has only \(expected.checkpoints) checkpoints")
        try #require(!expected.transcript.isEmpty)
        #expect(expected.status == "finished")
        // Every message said to the user is on stdout, in transcript order.
        #expect(
            expected.stdout
                == expected.transcript.split(separator: "\n").map { line in
                    // "Agent -> user: text" is printed as "Agent: text".
                    line.replacingOccurrences(of: " -> user: ", with: ": ")
                })

        for (point, n) in Self.plan(program: program, store: store, checkpoints: expected.checkpoints) {
            let id = "\(point.rawValue)-\(n)"
            let context = "\(program.name) on \(store), \(point.rawValue):\(n)"
            let crashed = try CLI.run(
                ["run", path, "--store", storeArgument, "--id", id], in: directory,
                environment: ["PLAYBOOKS_FAILPOINT": "\(point.rawValue):\(n)"])
            #expect(crashed.killedBySIGKILL, "\(context): the failpoint did not kill the run: \(crashed)")
            guard crashed.killedBySIGKILL else { continue }

            let resumed = try CLI.run(["resume", id, "--store", storeArgument], in: directory)
            #expect(resumed.status == 0 && resumed.exited, "\(context): resume failed: \(resumed)")
            // The resume starts from the last durable record: N after crash-after, N-1 otherwise.
            let durable = point == .crashAfter ? n : n - 1
            #expect(
                resumed.stderr.contains("resumed \(id) at record \(durable) "),
                "\(context): resume did not start at record \(durable): \(resumed.stderr)")
            if point == .tornWrite {
                #expect(
                    resumed.stderr.contains("damaged journal tail after record \(n - 1)"),
                    "\(context): resume did not report the torn tail: \(resumed.stderr)")
            }

            let actual = try FinishedExecution.read(id, store: storeArgument, in: directory, stdout: [])
            #expect(actual.transcript == expected.transcript, "\(context): transcript differs")
            #expect(actual.result == expected.result, "\(context): result differs")
            #expect(actual.status == "finished", "\(context): status")
            #expect(
                actual.state["variables"] as? NSArray == expected.state["variables"] as? NSArray,
                "\(context): variables differ")
            #expect(actual.state == expected.state, "\(context): final state differs")

            // What the user saw: no message twice, in order. A message whose record was written
            // just before a crash-after may be missing (the transcript has it).
            let seen = crashed.lines + resumed.lines
            let boundary = crashed.lines.count
            var withoutBoundary = expected.stdout
            if boundary < withoutBoundary.count { withoutBoundary.remove(at: boundary) }
            let ok = seen == expected.stdout || (point == .crashAfter && seen == withoutBoundary)
            #expect(
                ok,
                "\(context): stdout of the crashed and resumed runs\n\(seen.joined(separator: "\n"))\nexpected\n\(expected.stdout.joined(separator: "\n"))"
            )
        }
    }
}
