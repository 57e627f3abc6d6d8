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
