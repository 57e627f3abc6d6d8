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
