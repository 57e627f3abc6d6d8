import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs the real `playbooks` executable for the end-to-end durability tests.
enum CLI {
    /// How a `playbooks` process ended and what it printed.
    struct Outcome: CustomStringConvertible {
        var status: Int32
        var reason: Process.TerminationReason
        var stdout: String
        var stderr: String

        var killedBySIGKILL: Bool { reason == .uncaughtSignal && status == SIGKILL }
        var exited: Bool { reason == .exit }
        /// The non-empty lines of stdout.
        var lines: [String] { stdout.split(separator: "\n").map(String.init) }

        var description: String {
            let how = reason == .exit ? "exit \(status)" : "signal \(status)"
            return "[\(how)]\n--- stdout\n\(stdout)--- stderr\n\(stderr)"
        }
    }

    /// The `playbooks` executable built next to the test bundle (`swift build --build-tests` builds both).
    static let executable: URL? = {
        var candidates: [URL] = []
        let argument0 = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).standardizedFileURL
        candidates.append(argument0.deletingLastPathComponent().appendingPathComponent("playbooks"))
        if let main = Bundle.main.executableURL {
            candidates.append(main.deletingLastPathComponent().appendingPathComponent("playbooks"))
        }
        let bundle = Bundle.main.bundleURL
        candidates.append(bundle.deletingLastPathComponent().appendingPathComponent("playbooks"))
        candidates.append(bundle.appendingPathComponent("playbooks"))
        // An .xctest bundle on Darwin: PlaybooksPackageTests.xctest/Contents/MacOS/…
        var up = argument0
        for _ in 0..<4 {
            up = up.deletingLastPathComponent()
            candidates.append(up.appendingPathComponent("playbooks"))
        }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    static func requireExecutable() throws -> URL {
        try #require(
            executable,
            "the playbooks executable is not next to the test bundle; build it with `swift build --build-tests`")
    }

    /// The environment for children: this process's, without failpoints, plus `extra`.
    static func environment(_ extra: [String: String]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["PLAYBOOKS_FAILPOINT"] = nil
        for (k, v) in extra { env[k] = v }
        return env
    }

    /// Runs `playbooks arguments` in `directory` to the end (stdin is /dev/null). A process still
    /// running after `timeout` seconds is stopped with SIGTERM (see ``Child/wait(timeout:)``).
    @discardableResult
    static func run(
        _ arguments: [String], in directory: URL, environment extra: [String: String] = [:], timeout: TimeInterval = 120
    ) throws -> Outcome {
        let child = try Child(arguments, in: directory, environment: extra)
        return child.wait(timeout: timeout)
    }

    /// A fresh temporary directory, removed by `cleanup`.
    static func temporaryDirectory(_ label: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("playbooks-cli-durability-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// Writes `source` as a one-agent `.pb` program.
    static func writeProgram(_ source: String, agent: String = "Agent", to url: URL) throws {
        let text = "# \(agent)\n\n```python\n\(source)\n```\n"
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    /// The JSON value printed by a command.
    static func json(_ outcome: Outcome) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8), options: [.fragmentsAllowed])
    }
}

/// A running `playbooks` process whose output is collected as it comes.
final class Child: @unchecked Sendable {
    let process = Process()
    private let condition = NSCondition()
    private var out = Data()
    private var err = Data()
    private var openPipes = 2
    private var terminated = false

    init(_ arguments: [String], in directory: URL, environment extra: [String: String] = [:]) throws {
        process.executableURL = try CLI.requireExecutable()
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = CLI.environment(extra)
        process.standardInput = FileHandle.nullDevice
        let outPipe = Pipe()
        let errPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.terminationHandler = { [weak self] _ in
            guard let self else { return }
            self.condition.lock()
            self.terminated = true
            self.condition.broadcast()
            self.condition.unlock()
        }
        try process.run()
        collect(outPipe.fileHandleForReading, isError: false)
        collect(errPipe.fileHandleForReading, isError: true)
    }

    private func collect(_ handle: FileHandle, isError: Bool) {
        let thread = Thread { [self] in
            while true {
                let chunk = handle.availableData
                condition.lock()
                if chunk.isEmpty {
                    openPipes -= 1
                    condition.broadcast()
                    condition.unlock()
                    return
                }
                if isError { err.append(chunk) } else { out.append(chunk) }
                condition.broadcast()
                condition.unlock()
            }
        }
        thread.start()
    }

    var pid: Int32 { process.processIdentifier }

    /// What stderr holds so far.
    var stderrSoFar: String {
        condition.lock()
        defer { condition.unlock() }
        return String(decoding: err, as: UTF8.self)
    }

    /// Blocks until stderr contains `text` (true) or the process ended without it / `timeout` passed (false).
    func waitForStderr(containing text: String, timeout: TimeInterval = 60) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        condition.lock()
        defer { condition.unlock() }
        while true {
            if String(decoding: err, as: UTF8.self).contains(text) { return true }
            if openPipes == 0 && terminated { return false }
            if !condition.wait(until: deadline) { return false }
        }
    }

    /// Sends SIGKILL (no effect once the process has ended and been reaped by `wait`).
    func kill() {
        condition.lock()
        let ended = terminated
        condition.unlock()
        if !ended { sendSignal(process.processIdentifier, SIGKILL) }
    }

    /// Waits for the process to end and its pipes to close; after `timeout` it is killed with SIGTERM
    /// (so a hang shows up as a termination by signal 15, which no test expects).
    func wait(timeout: TimeInterval = 120) -> CLI.Outcome {
        let deadline = Date().addingTimeInterval(timeout)
        condition.lock()
        var timedOut = false
        while !(terminated && openPipes == 0) {
            if !condition.wait(until: deadline) {
                timedOut = true
                break
            }
        }
        condition.unlock()
        if timedOut {
            process.terminate()
            // A process that ignores SIGTERM (a worker stuck while stopping) is killed 10 s later.
            condition.lock()
            let killAt = Date().addingTimeInterval(10)
            var killed = false
            while !(terminated && openPipes == 0) {
                if killed {
                    condition.wait()
                } else if !condition.wait(until: killAt) {
                    killed = true
                    sendSignal(process.processIdentifier, SIGKILL)
                }
            }
            condition.unlock()
        }
        process.waitUntilExit()
        condition.lock()
        defer { condition.unlock() }
        return CLI.Outcome(
            status: process.terminationStatus, reason: process.terminationReason,
            stdout: String(decoding: out, as: UTF8.self),
            stderr: String(decoding: err, as: UTF8.self) + (timedOut ? "\n[test: timed out after \(timeout) s]\n" : ""))
    }
}

/// `kill(2)`, out of reach of ``Child/kill()``'s name.
func sendSignal(_ pid: Int32, _ signal: Int32) {
    _ = kill(pid, signal)
}
