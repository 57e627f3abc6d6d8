import Foundation
import Testing

/// The product's command line as a person meets it: what it offers and what it does not.
@Suite("CLI: the command surface")
struct CLICommandSurfaceTests {
    /// The benchmarks are the `playbooks-bench` executable, not commands of the product.
    @Test func benchmarkCommandsAreNotProductCommands() throws {
        let directory = try CLI.temporaryDirectory("surface")
        defer { try? FileManager.default.removeItem(at: directory) }
        for name in ["bench-snapshot", "bench-stream", "bench-durability", "bench-workers"] {
            // An unknown name is an error; `NAME --help` of an unknown NAME prints the top-level help.
            let run = try CLI.run([name], in: directory)
            #expect(run.exited && run.status != 0, "playbooks \(name) still runs: \(run)")
            let help = try CLI.run([name, "--help"], in: directory)
            #expect(!help.stdout.contains("playbooks \(name)"), "playbooks \(name) still exists: \(help)")
        }
        let bench = try CLI.requireExecutable().deletingLastPathComponent().appendingPathComponent("playbooks-bench")
        let process = Process()
        process.executableURL = bench
        process.arguments = ["snapshot", "--list", "10", "--dict", "10", "--iterations", "2", "--warmup", "0", "--json"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let json = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        #expect(json?["bytes"] != nil, "\(String(decoding: data, as: UTF8.self))")
    }
}

/// Mistakes in what a person passes are errors with a message, not silently ignored.
@Suite("CLI: refused input")
struct CLIRefusedInputTests {
    @Test func anInvalidFailpointIsAnError() throws {
        let directory = try CLI.temporaryDirectory("refused")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try CLIProgram.seedExample.write(into: directory)
        let run = try CLI.run(
            ["run", path, "--store", "sqlite:\(directory.path)/state.db"], in: directory,
            environment: ["PLAYBOOKS_FAILPOINT": "crash-after-checkpont:3"])
        #expect(run.exited && run.status == 2, "\(run)")
        #expect(run.stderr.contains("PLAYBOOKS_FAILPOINT") && run.stderr.contains("crash-after-checkpont:3"), "\(run.stderr)")
        #expect(run.stdout.isEmpty, "it ran: \(run.stdout)")
    }

    @Test func aStoreURLNoStoreServesIsAnError() throws {
        let directory = try CLI.temporaryDirectory("refused")
        defer { try? FileManager.default.removeItem(at: directory) }
        let list = try CLI.run(["executions", "list", "--store", "redis://u:secret@h/0"], in: directory)
        #expect(list.exited && list.status != 0, "\(list)")
        #expect(list.stderr.contains("redis://"), "\(list.stderr)")
        #expect(!list.stderr.contains("secret"), "\(list.stderr)")
    }
}

/// What the tool prints and suggests works as printed; reading never creates anything.
@Suite("CLI: as a person meets it")
struct CLIAsMetTests {
    @Test func versionIsPrinted() throws {
        let directory = try CLI.temporaryDirectory("met")
        defer { try? FileManager.default.removeItem(at: directory) }
        let version = try CLI.run(["--version"], in: directory)
        #expect(version.exited && version.status == 0, "\(version)")
        let text = version.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(text.split(separator: ".").count == 3 && text.allSatisfy { $0.isNumber || $0 == "." }, "\(version)")
    }

    /// The store is in a directory whose name needs quoting; the suggested command is run by a shell as printed.
    @Test(arguments: CLIStore.allCases)
    func forkSuggestsAResumeCommandThatWorksAsPrinted(store kind: CLIStore) throws {
        let directory = try CLI.temporaryDirectory("met")
        defer { try? FileManager.default.removeItem(at: directory) }
        let stores = directory.appendingPathComponent("my stores")
        try FileManager.default.createDirectory(at: stores, withIntermediateDirectories: true)
        let path = try CLIProgram.seedExample.write(into: directory)
        let store = kind.argument(in: stores)
        let run = try CLI.run(["run", path, "--store", store, "--id", "original"], in: directory)
        try #require(run.status == 0, "\(run)")
        let fork = try CLI.run(["executions", "fork", "original", "--from", "3", "--store", store, "--new-id", "copy"], in: directory)
        try #require(fork.status == 0, "\(fork)")
        let marker = "continue it with: "
        let suggestion = try #require(
            fork.stderr.split(separator: "\n").first { $0.contains(marker) }.map { String($0.components(separatedBy: marker)[1]) },
            "\(fork.stderr)")
        #expect(suggestion.hasPrefix("playbooks resume copy --store "), "\(suggestion)")
        let binary = try CLI.requireExecutable().path
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", "\"$0\" " + suggestion.dropFirst("playbooks ".count) + " --non-interactive", binary]
        shell.currentDirectoryURL = directory.appendingPathComponent("elsewhere-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: try #require(shell.currentDirectoryURL), withIntermediateDirectories: true)
        shell.standardInput = FileHandle.nullDevice
        shell.standardOutput = FileHandle.nullDevice
        shell.standardError = FileHandle.nullDevice
        try shell.run()
        shell.waitUntilExit()
        #expect(shell.terminationStatus == 0, "\(suggestion) exited \(shell.terminationStatus)")
        let show = try CLI.run(["executions", "show", "copy", "--store", store, "--json"], in: directory)
        #expect(show.stdout.contains("\"finished\""), "\(show)")
    }

    @Test func readOnlyCommandsNeverCreateAStore() throws {
        let directory = try CLI.temporaryDirectory("met")
        defer { try? FileManager.default.removeItem(at: directory) }
        let commands: [[String]] = [
            ["executions", "list", "--program", "missing/x.pb"],
            ["executions", "list", "--store", "sqlite:nowhere/state.db"],
            ["executions", "list", "--store", "files:journal"],
            ["executions", "show", "some-id", "--store", "sqlite:nowhere/state.db"],
            ["checkpoints", "list", "some-id", "--store", "files:journal"],
            ["checkpoints", "show", "some-id", "1", "--store", "sqlite:state.db"],
            ["checkpoints", "list", "some-id", "--program", "missing/x.pb"],
            ["executions", "list"],
        ]
        for arguments in commands {
            let outcome = try CLI.run(arguments, in: directory)
            #expect(outcome.exited && outcome.status != 0, "\(arguments): \(outcome)")
            #expect(outcome.stderr.contains("no store at") || outcome.stderr.contains("no program at"), "\(arguments): \(outcome.stderr)")
            let left = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            #expect(left.isEmpty, "\(arguments) created \(left)")
        }
    }
}

/// Numeric options out of range, a byte-order mark, one damaged execution among many.
@Suite("CLI: numbers, encodings and damage")
struct CLIInputEdgeTests {
    /// Each used to trap ("Double value cannot be converted to Int64", exit 132).
    @Test(arguments: [
        ["exec", "--timeout", "nan", "p.py"], ["exec", "--timeout", "inf", "p.py"], ["exec", "--timeout", "1e300", "p.py"],
        ["exec", "--timeout", "1e17", "p.py"], ["exec", "--timeout=-1", "p.py"],
        ["worker", "--store", "postgres://u@localhost:1/d", "--lease", "inf"],
        ["worker", "--store", "postgres://u@localhost:1/d", "--poll", "nan"],
        ["worker", "--store", "postgres://u@localhost:1/d", "--concurrency", "0"],
        ["exec", "--max-instructions", "0", "p.py"], ["exec", "--chunk-size", "0", "p.py"],
    ])
    func outOfRangeNumbersAreUsageErrors(arguments: [String]) throws {
        let directory = try CLI.temporaryDirectory("numbers")
        defer { try? FileManager.default.removeItem(at: directory) }
        try "print('ran')\n".write(to: directory.appendingPathComponent("p.py"), atomically: true, encoding: .utf8)
        let outcome = try CLI.run(arguments, in: directory, timeout: 30)
        #expect(outcome.exited && outcome.status == 64, "\(arguments): \(outcome)")
        let option = try #require(arguments.first { $0.hasPrefix("--") && $0 != "--store" }?.split(separator: "=").first)
        #expect(outcome.stderr.contains("\(option) must be"), "\(arguments): \(outcome.stderr)")
        #expect(!outcome.stdout.contains("ran"))
    }

    @Test func aByteOrderMarkIsAccepted() throws {
        let directory = try CLI.temporaryDirectory("bom")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try CLIProgram.seedExample.write(into: directory)
        let plain = try CLI.run(["run", path, "--store", "sqlite:\(directory.path)/plain.db"], in: directory)
        try #require(plain.status == 0, "\(plain)")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try Data([0xEF, 0xBB, 0xBF] + Array(text.utf8)).write(to: URL(fileURLWithPath: path))
        let marked = try CLI.run(["run", path, "--store", "sqlite:\(directory.path)/bom.db"], in: directory)
        #expect(marked.status == 0, "\(marked)")
        #expect(marked.stdout == plain.stdout)

        try Data([0xEF, 0xBB, 0xBF] + Array("print('x' * 3)\n".utf8)).write(to: directory.appendingPathComponent("b.py"))
        let exec = try CLI.run(["exec", "b.py"], in: directory)
        #expect(exec.status == 0 && exec.stdout == "xxx\n", "\(exec)")
    }

    @Test(arguments: CLIStore.allCases)
    func oneDamagedExecutionDoesNotHideTheOthers(store kind: CLIStore) throws {
        let directory = try CLI.temporaryDirectory("damage")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try CLIProgram.seedExample.write(into: directory)
        let store = kind.argument(in: directory)
        for id in ["good-1", "bad-1", "good-2"] {
            let run = try CLI.run(["run", path, "--store", store, "--id", id], in: directory)
            try #require(run.status == 0, "\(run)")
        }
        switch kind {
        case .files:
            try Data("{not json".utf8).write(to: directory.appendingPathComponent("journal/bad-1/info.json"))
        case .sqlite:
            let sqlite = Process()
            sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            sqlite.arguments = [
                "python3", "-c",
                "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"UPDATE executions SET info='{not json' WHERE id='bad-1'\"); c.commit()",
                directory.appendingPathComponent("state.db").path,
            ]
            try sqlite.run()
            sqlite.waitUntilExit()
            try #require(sqlite.terminationStatus == 0)
        }
        let list = try CLI.run(["executions", "list", "--store", store], in: directory)
        #expect(list.exited && list.status == 4, "\(list)")
        #expect(list.stdout.contains("good-1") && list.stdout.contains("good-2"), "\(list)")
        #expect(!list.stdout.contains("bad-1"), "\(list)")
        #expect(list.stderr.contains("bad-1") && list.stderr.contains("damaged"), "\(list.stderr)")
    }
}
